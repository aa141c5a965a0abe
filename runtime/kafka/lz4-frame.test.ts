import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lz4Frame, lz4Unframe } from './lz4-frame.js';

describe('lz4Frame', () => {
  it('writes a frame with independent blocks that decompresses to the input', () => {
    const text = Buffer.from('{"user_id":42,"url":"/p/shiny-shoes-7"}'.repeat(5000));
    const frame = lz4Frame(text);
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4]! & 0x20).toBe(0x20);
    expect(frame.length).toBeLessThan(text.length / 10);
    expect(lz4Unframe(frame).equals(text)).toBe(true);
  });

  it('stores incompressible and multi-block inputs', () => {
    for (const input of [randomBytes(1000), Buffer.alloc(0), Buffer.concat([randomBytes(5 << 20), Buffer.alloc(100_000, 7)])]) {
      expect(lz4Unframe(lz4Frame(input)).equals(input)).toBe(true);
    }
  });
});
