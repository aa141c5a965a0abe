import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isTransient } from './sink-task-runner.js';

const { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } = kafkajs;

describe('isTransient (restart a crashed consumer?)', () => {
  it('restarts after a broker went away, not after a batch that cannot be read', () => {
    expect(isTransient(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), { retryCount: 10, retryTime: 5000 }))).toBe(true);
    expect(isTransient(new KafkaJSConnectionError('Connection timeout'))).toBe(true);
    expect(isTransient(new KafkaJSNumberOfRetriesExceeded(new Error('invalid magic number'), { retryCount: 10, retryTime: 5000 }))).toBe(false);
    expect(isTransient(Object.assign(new KafkaJSNonRetriableError('a lz4-compressed record batch could not be decompressed'), { cause: new Error('bad') }))).toBe(false);
  });
});
