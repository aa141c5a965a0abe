import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../core/record.js';
import { avroSchemaFromConnect, avroValueFromConnect, connectSchemaFromAvro, connectValueFromAvro } from './avro-data.js';
import { parseAvroSchema } from './avro-schema-tree.js';

const schema: ConnectSchema = {
  type: 'struct',
  name: 'com.example.Order',
  fields: [
    { type: 'int64', field: 'id' },
    { type: 'int8', field: 'tiny' },
    { type: 'string', optional: true, field: 'note' },
    { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' }, field: 'price' },
    { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, field: 'at' },
    { type: 'int32', name: 'org.apache.kafka.connect.data.Date', version: 1, optional: true, field: 'day' },
    { type: 'array', items: { type: 'float64' }, field: 'scores' },
    { type: 'map', keys: { type: 'string' }, values: { type: 'int32' }, field: 'counts' },
    { type: 'struct', fields: [{ type: 'boolean', field: 'ok' }], optional: true, field: 'inner' },
  ],
};

describe('AvroData', () => {
  it('Connect -> Avro schema with connect.* attributes, optional as ["null", T] with default null', () => {
    const avro = avroSchemaFromConnect(schema) as { type: string; name: string; namespace: string; fields: { name: string; type: unknown; default?: unknown }[] };
    expect([avro.type, avro.name, avro.namespace]).toEqual(['record', 'Order', 'com.example']);
    expect(avro.fields.find((f) => f.name === 'tiny')?.type).toEqual({ type: 'int', 'connect.type': 'int8' });
    expect(avro.fields.find((f) => f.name === 'note')).toEqual({ name: 'note', type: ['null', 'string'], default: null });
    expect(avro.fields.find((f) => f.name === 'price')?.type).toEqual({ type: 'bytes', scale: 2, precision: 64, 'connect.version': 1, 'connect.parameters': { scale: '2' }, 'connect.name': 'org.apache.kafka.connect.data.Decimal', logicalType: 'decimal' });
    expect(avro.fields.find((f) => f.name === 'at')?.type).toEqual({ type: 'long', 'connect.version': 1, 'connect.name': 'org.apache.kafka.connect.data.Timestamp', logicalType: 'timestamp-millis' });
    expect(avro.fields.find((f) => f.name === 'inner')?.type).toEqual(['null', { type: 'record', name: 'ConnectDefault', namespace: 'io.confluent.connect.avro', fields: [{ name: 'ok', type: 'boolean' }] }]);
  });

  it('round-trips schema and values through Avro form', () => {
    const node = parseAvroSchema(JSON.stringify(avroSchemaFromConnect(schema)));
    const back = connectSchemaFromAvro(node);
    expect(back).toEqual(schema);
    const value = { id: 7, tiny: 1, note: null, price: 12.5, at: new Date(1000), day: new Date(86_400_000 * 2), scores: [1.5], counts: { a: 1 }, inner: { ok: true } };
    const avroValue = avroValueFromConnect(node, value) as Record<string, unknown>;
    expect(avroValue.note).toBeNull();
    expect(avroValue.inner).toEqual({ 'io.confluent.connect.avro.ConnectDefault': { ok: true } });
    expect(avroValue.price).toEqual(Buffer.from([0x04, 0xe2]));
    expect(avroValue.day).toEqual({ int: 2 });
    expect(connectValueFromAvro(node, avroValue)).toEqual(value);
  });

  it('reads plain Avro schemas: enums, fixed, unions of several types, records by reference, logical types', () => {
    const node = parseAvroSchema({
      type: 'record',
      name: 'E',
      namespace: 'ns',
      fields: [
        { name: 'suit', type: { type: 'enum', name: 'Suit', symbols: ['SPADES', 'HEARTS'] } },
        { name: 'either', type: ['null', 'int', 'string'] },
        { name: 'child', type: { type: 'record', name: 'C', fields: [{ name: 'x', type: 'int' }] } },
        { name: 'sibling', type: ['null', 'C'], default: null },
        { name: 'when', type: { type: 'int', logicalType: 'date' } },
      ],
    });
    const connect = connectSchemaFromAvro(node);
    expect(connect.fields?.map((f) => [f.field, f.type, f.name, f.optional])).toEqual([
      ['suit', 'string', undefined, undefined],
      ['either', 'struct', 'io.confluent.connect.avro.Union', true],
      ['child', 'struct', 'ns.C', undefined],
      ['sibling', 'struct', 'ns.C', true],
      ['when', 'int32', 'org.apache.kafka.connect.data.Date', undefined],
    ]);
    expect(connect.fields?.[0]?.parameters).toEqual({ 'io.confluent.connect.avro.Enum': 'ns.Suit', 'io.confluent.connect.avro.Enum.SPADES': 'SPADES', 'io.confluent.connect.avro.Enum.HEARTS': 'HEARTS' });
    expect(connectValueFromAvro(node, { suit: 'HEARTS', either: { string: 'x' }, child: { x: 1 }, sibling: null, when: 1 })).toEqual({ suit: 'HEARTS', either: { int: null, string: 'x' }, child: { x: 1 }, sibling: null, when: new Date(86_400_000) });
    expect(avroSchemaFromConnect(connect.fields![0]!)).toEqual({ type: 'enum', name: 'Suit', namespace: 'ns', symbols: ['SPADES', 'HEARTS'] });
  });
});
