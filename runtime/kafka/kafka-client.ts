import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { registerCodecs } from './codecs.js';
import { silenceKafkajsTimeoutWarning } from './silence-timeout-warning.js';

/**
 * Retries for long-lived clients (the Connect worker, stream jobs): about 40 s of backoff, enough
 * to ride out a leader election or a broker restart on a loaded machine. One-shot CLI commands keep
 * the short default so that a wrong address fails fast.
 */
export const longLivedRetry = { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 } as const;

/**
 * A kafkajs client for the sandbox or any cluster. Quiet by default: kafkajs logs every retry at
 * INFO/ERROR, which drowns the CLI's own output; set KAFKA_SANDBOX_KAFKAJS_LOG=debug to see them.
 * Registers the snappy, lz4 and zstd codecs (kafkajs has only gzip built in), so every client
 * reads and writes topics that Java clients compressed.
 */
export function kafkaClient(bootstrapServers: string | string[], options: Partial<KafkaConfig> = {}): Kafka {
  const brokers = typeof bootstrapServers === 'string' ? bootstrapServers.split(',') : bootstrapServers;
  silenceKafkajsTimeoutWarning();
  registerCodecs();
  const level = process.env.KAFKA_SANDBOX_KAFKAJS_LOG === 'debug' ? logLevel.DEBUG : logLevel.NOTHING;
  return new Kafka({
    clientId: 'kafka-sandbox',
    brokers,
    logLevel: level,
    connectionTimeout: 3000,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    ...options,
  });
}
