import { promisify } from 'node:util';
import { zstdCompress, zstdDecompress } from 'node:zlib';
import kafkajs, { CompressionTypes } from 'kafkajs';
import SnappyCodec from 'kafkajs-snappy';
import { lz4Frame, lz4Unframe } from './lz4-frame.js';

export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof COMPRESSIONS)[number];

const zstd = promisify(zstdCompress);
const unzstd = promisify(zstdDecompress);

/**
 * kafkajs compresses gzip itself and takes other codecs by registration. These are all free of
 * native code: snappy through kafkajs-snappy (snappyjs; reads the xerial framing the Java client
 * writes), lz4 through lz4js' block compressor in a frame Kafka accepts (see lz4-frame.ts), zstd
 * through Node's own zlib (Node >= 22.15).
 */
const CODECS: Record<Exclude<CompressionName, 'none' | 'gzip'>, [CompressionTypes, () => unknown]> = {
  snappy: [CompressionTypes.Snappy, SnappyCodec],
  lz4: [
    CompressionTypes.LZ4,
    () => ({
      compress: async (encoder: { buffer: Buffer }) => lz4Frame(encoder.buffer),
      decompress: async (buffer: Buffer) => lz4Unframe(buffer),
    }),
  ],
  zstd: [
    CompressionTypes.ZSTD,
    () => ({
      compress: (encoder: { buffer: Buffer }) => zstd(encoder.buffer),
      decompress: (buffer: Buffer) => unzstd(buffer),
    }),
  ],
};

/** Registers every codec with kafkajs (idempotent), for producers and consumers alike. */
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
