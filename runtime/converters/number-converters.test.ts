import { describe, expect, it } from 'vitest';
import { createConverter } from './converter-registry.js';

describe('number converters', () => {
  it('IntegerConverter, LongConverter, DoubleConverter, ...: big-endian bytes as Kafka serializers write them', async () => {
    const integer = createConverter('org.apache.kafka.connect.converters.IntegerConverter', {}, true);
    expect(await integer.fromConnectData('t', 42)).toEqual(Buffer.from([0, 0, 0, 42]));
    expect(await integer.toConnectData('t', Buffer.from([0xff, 0xff, 0xff, 0xfe]))).toEqual({ value: -2, schema: { type: 'int32', optional: true } });
    const long = createConverter('LongConverter', {}, false);
    expect(await long.toConnectData('t', Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toMatchObject({ value: 9223372036854775807n });
    expect(await long.fromConnectData('t', 1)).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]));
    const double = createConverter('org.apache.kafka.connect.converters.DoubleConverter', {}, false);
    expect((await double.toConnectData('t', (await double.fromConnectData('t', 1.5))!)).value).toBe(1.5);
    expect((await createConverter('ShortConverter', {}, false).toConnectData('t', Buffer.from([1, 0]))).value).toBe(256);
    expect((await createConverter('FloatConverter', {}, false).toConnectData('t', Buffer.from([0x3f, 0xc0, 0, 0]))).value).toBe(1.5);
    expect(await createConverter('BooleanConverter', {}, false).fromConnectData('t', true)).toEqual(Buffer.from([1]));
  });

  it('wrong sizes, types and ranges are DataExceptions; null is null', async () => {
    const integer = createConverter('IntegerConverter', {}, false);
    await expect(integer.toConnectData('t', Buffer.from([1, 2]))).rejects.toThrow('Size of data received by IntegerDeserializer is not 4');
    await expect(integer.fromConnectData('t', 'x')).rejects.toThrow(/not compatible with objects of type string/);
    await expect(integer.fromConnectData('t', 2 ** 40)).rejects.toThrow(/out of range/);
    await expect(integer.fromConnectData('t', 1, { type: 'string' })).rejects.toThrow('Invalid schema type for IntegerConverter: STRING');
    expect(await integer.fromConnectData('t', null)).toBeNull();
    expect(await integer.toConnectData('t', null)).toEqual({ value: null, schema: { type: 'int32', optional: true } });
  });
});
