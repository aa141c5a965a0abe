import { describe, expect, it } from 'vitest';
import { ByteArrayConverter } from './byte-array-converter.js';

describe('ByteArrayConverter', () => {
  const converter = new ByteArrayConverter();
  const bytes = Buffer.from('sample bytes');

  it('passes bytes through with an optional bytes schema (Kafka ByteArrayConverterTest)', async () => {
    expect(await converter.toConnectData('t', bytes)).toEqual({ value: bytes, schema: { type: 'bytes', optional: true } });
    expect(await converter.fromConnectData('t', bytes, { type: 'bytes' })).toBe(bytes);
    expect(await converter.fromConnectData('t', new Uint8Array([1, 2]))).toEqual(Buffer.from([1, 2]));
    expect(await converter.fromConnectData('t', null)).toBeNull();
    expect(await converter.toConnectData('t', null)).toEqual({ value: null, schema: { type: 'bytes', optional: true } });
  });

  it('refuses other schemas and values', async () => {
    await expect(converter.fromConnectData('t', bytes, { type: 'int32' })).rejects.toThrow('Invalid schema type for ByteArrayConverter: INT32');
    await expect(converter.fromConnectData('t', 'a string')).rejects.toThrow('ByteArrayConverter is not compatible with objects of type string');
  });
});
