import { promisify } from 'node:util';
import { zstdCompress, zstdDecompress } from 'node:zlib';
import kafkajs, { CompressionTypes } from 'kafkajs';
import SnappyCodec from 'kafkajs-snappy';
import { lz4Frame, lz4Unframe } from './lz4-frame.js';

export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof COMPRESSIONS)[number];

const zstd = promisify(zstdCompress);
const unzstd = promisify(zstdDecompress);

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/**
 * A batch that does not decompress will not decompress on the next fetch either: fail at once
 * (kafkajs retries other errors for minutes, then restarts the consumer on the same batch), with
 * a message naming the codec, so a Connect task fails with that trace.
 */
function failFast(name: string, codec: Codec): Codec {
  return {
    compress: (encoder) => codec.compress(encoder),
    decompress: async (buffer) => {
      try {
        return await codec.decompress(buffer);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const failure = new kafkajs.KafkaJSNonRetriableError(`a ${name}-compressed record batch (${buffer.length} bytes) could not be decompressed: ${message}`);
        throw Object.assign(failure, { cause: error });
      }
    },
  };
}

/**
 * kafkajs compresses gzip itself and takes other codecs by registration. These are all free of
 * native code: snappy through kafkajs-snappy (snappyjs; reads the xerial framing the Java client
 * writes), lz4 through lz4js' block compressor in a frame Kafka accepts (see lz4-frame.ts), zstd
 * through Node's own zlib (Node >= 22.15).
 */
const CODECS: Record<Exclude<CompressionName, 'none' | 'gzip'>, [CompressionTypes, () => Codec]> = {
  snappy: [CompressionTypes.Snappy, () => failFast('snappy', SnappyCodec())],
  lz4: [
    CompressionTypes.LZ4,
    () =>
      failFast('lz4', {
        compress: async (encoder) => lz4Frame(encoder.buffer),
        decompress: async (buffer) => lz4Unframe(buffer),
      }),
  ],
  zstd: [
    CompressionTypes.ZSTD,
    () =>
      failFast('zstd', {
        compress: (encoder) => zstd(encoder.buffer),
        decompress: (buffer) => unzstd(buffer),
      }),
  ],
};

/**
 * Registers every codec with kafkajs (idempotent), for producers and consumers alike.
 * `kafkaClient()` calls it, so every client the project makes reads and writes all of them.
 */
export function registerCodecs(): void {
  // CompressionCodecs is not a named export Node can see in kafkajs' CommonJS; reach it through the default.
  const codecs = kafkajs.CompressionCodecs as Record<number, () => unknown>;
  for (const [type, codec] of Object.values(CODECS)) codecs[type] = codec;
}

/** The kafkajs compression type for a name, its codec registered. */
export function compressionType(name: CompressionName): CompressionTypes {
  registerCodecs();
  if (name === 'none') return CompressionTypes.None;
  if (name === 'gzip') return CompressionTypes.GZIP;
  return CODECS[name][0];
}
