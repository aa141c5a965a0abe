import { compressBlock, decompress } from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32.js';

const MAGIC = 0x184d2204;
/** Version 01 and the block-independence flag: Kafka rejects dependent blocks ("Dependent block stream is unsupported"). */
const FLG = 0x60;
/** Maximum block size 4 MB. */
const BD = 7 << 4;
const BLOCK_SIZE = 4 << 20;

/**
 * An LZ4 frame as Kafka's KafkaLZ4BlockInputStream reads it: independent blocks, no checksums, no
 * content size. lz4js' own `compress` writes a frame without the independence flag (and chains
 * blocks through one hash table), so the frame is assembled here from its block compressor, with a
 * fresh hash table per block.
 */
export function lz4Frame(input: Uint8Array): Buffer {
  const out = Buffer.alloc(7 + input.length + Math.ceil(input.length / BLOCK_SIZE) * 4 + Math.ceil(input.length / 255) + 16 + 4);
  let o = 0;
  out.writeUInt32LE(MAGIC, o);
  o += 4;
  out[o++] = FLG;
  out[o++] = BD;
  out[o] = (xxh32(0, out, 4, 2) >>> 8) & 0xff;
  o++;
  const scratch = new Uint8Array(BLOCK_SIZE + Math.ceil(BLOCK_SIZE / 255) + 16);
  for (let start = 0; start < input.length; start += BLOCK_SIZE) {
    const block = input.subarray(start, Math.min(input.length, start + BLOCK_SIZE));
    const size = compressBlock(block, scratch, 0, block.length, new Uint32Array(1 << 16));
    if (size === 0 || size >= block.length) {
      out.writeUInt32LE((0x80000000 | block.length) >>> 0, o);
      o += 4;
      out.set(block, o);
      o += block.length;
    } else {
      out.writeUInt32LE(size, o);
      o += 4;
      out.set(scratch.subarray(0, size), o);
      o += size;
    }
  }
  out.writeUInt32LE(0, o);
  o += 4;
  return out.subarray(0, o);
}

/** Decompresses an LZ4 frame (any flags lz4js understands), e.g. one the Java client wrote. */
export function lz4Unframe(input: Uint8Array): Buffer {
  return Buffer.from(decompress(input));
}
