import { describe, expect, it } from 'vitest';
import { StringConverter } from './string-converter.js';

describe('StringConverter', () => {
  const converter = new StringConverter();

  it('bytes <-> UTF-8 text with an optional string schema (Kafka StringConverterTest)', async () => {
    expect(await converter.toConnectData('t', Buffer.from('a string'))).toEqual({ value: 'a string', schema: { type: 'string', optional: true } });
    expect(await converter.toConnectData('t', null)).toEqual({ value: null, schema: { type: 'string', optional: true } });
    expect((await converter.fromConnectData('t', 'a string'))?.toString()).toBe('a string');
    expect(await converter.fromConnectData('t', null)).toBeNull();
    expect((await converter.fromConnectData('t', 'héllo ✓'))?.equals(Buffer.from('héllo ✓', 'utf8'))).toBe(true);
  });

  it('non-string values are written as text', async () => {
    expect((await converter.fromConnectData('t', 12))?.toString()).toBe('12');
    expect((await converter.fromConnectData('t', true))?.toString()).toBe('true');
    expect((await converter.fromConnectData('t', { a: 1 }))?.toString()).toBe('{"a":1}');
  });

  it('converter.encoding, and an unknown encoding is refused', async () => {
    const latin = new StringConverter({ 'converter.encoding': 'ISO-8859-1' });
    expect(await latin.fromConnectData('t', 'é')).toEqual(Buffer.from([0xe9]));
    expect((await latin.toConnectData('t', Buffer.from([0xe9]))).value).toBe('é');
    expect(() => new StringConverter({ 'converter.encoding': 'EBCDIC' }, true)).toThrow(/key.converter.converter.encoding: Unsupported encoding/);
  });
});
