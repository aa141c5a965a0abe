import kafkajs, { CompressionTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { registerCodecs } from './codecs.js';

type Codec = { compress(encoder: { buffer: Buffer }): Promise<Buffer>; decompress(buffer: Buffer): Promise<Buffer> };
const codec = (type: CompressionTypes) => (kafkajs.CompressionCodecs as Record<number, () => Codec>)[type]!();

describe('registerCodecs', () => {
  it('gives kafkajs snappy, lz4 and zstd, each round-tripping a batch', async () => {
    registerCodecs();
    const batch = Buffer.from('{"id":1,"text":"a record"}'.repeat(200));
    for (const type of [CompressionTypes.Snappy, CompressionTypes.LZ4, CompressionTypes.ZSTD]) {
      const compressed = await codec(type).compress({ buffer: batch });
      expect(compressed.length).toBeLessThan(batch.length);
      expect((await codec(type).decompress(compressed)).equals(batch)).toBe(true);
    }
  });

  it('fails a batch that does not decompress at once (not retriable), naming the codec', async () => {
    registerCodecs();
    for (const [type, name] of [[CompressionTypes.LZ4, 'lz4'], [CompressionTypes.ZSTD, 'zstd'], [CompressionTypes.Snappy, 'snappy']] as const) {
      const error = await codec(type).decompress(Buffer.from('not a compressed batch at all')).then(() => undefined, (e: unknown) => e);
      expect(error, name).toBeInstanceOf(kafkajs.KafkaJSNonRetriableError);
      expect((error as Error).message).toMatch(new RegExp(`^a ${name}-compressed record batch \\(29 bytes\\) could not be decompressed: `));
    }
  });
});
