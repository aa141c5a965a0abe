import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean } from './did-you-mean.js';

describe('closestMatch', () => {
  it('returns the closest candidate, case-insensitively, and nothing when far off', () => {
    expect(closestMatch('Partitons', ['name', 'partitions'])).toBe('partitions');
    expect(closestMatch('zzz', ['name', 'partitions'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('suggests the closest candidate as a message suffix, and nothing when far off', () => {
    expect(didYouMean('replicationFactor', ['name', 'partitions', 'replication_factor', 'config'])).toBe(' (did you mean "replication_factor"?)');
    expect(didYouMean('zzz', ['name', 'partitions'])).toBe('');
  });
});
