import { describe, expect, it } from 'vitest';
import { createTransformChain } from './transform-registry.js';
import { frozen, sinkRecord, sourceRecord, struct, transform } from './test-helpers.js';

describe('InsertField', () => {
  it("Kafka docs' example: HoistField then InsertField of a static field into a file source's lines", () => {
    const chain = createTransformChain({
      transforms: 'MakeMap, InsertSource',
      'transforms.MakeMap.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
      'transforms.MakeMap.field': 'line',
      'transforms.InsertSource.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
      'transforms.InsertSource.static.field': 'data_source',
      'transforms.InsertSource.static.value': 'test-file-source',
    });
    expect(chain(sourceRecord({ value: 'hello' }))?.value).toEqual({ line: 'hello', data_source: 'test-file-source' });
  });

  it('schemaless: inserts topic, partition, offset, timestamp and a static value; the input is not mutated', () => {
    const t = transform('InsertField$Value', { 'topic.field': 'topic_name', 'partition.field': 'p', 'offset.field': 'o', 'timestamp.field': 'ts', 'static.field': 'instance', 'static.value': 'my-instance-id' });
    const input = sinkRecord({ value: frozen({ magic: 42 }), partition: 3, kafkaOffset: 7, timestamp: 1234 });
    expect(t(input)?.value).toEqual({ magic: 42, topic_name: 'test', p: 3, o: 7, ts: 1234, instance: 'my-instance-id' });
    expect(input.value).toEqual({ magic: 42 });
  });

  it('with a schema: appends typed fields (timestamp as a Timestamp, ! makes a field required)', () => {
    const t = transform('org.apache.kafka.connect.transforms.InsertField$Value', { 'topic.field': 'topic_field!', 'partition.field': 'partition_field', 'timestamp.field': 'timestamp_field?', 'static.field': 'instance_id', 'static.value': 'my-instance-id' });
    const schema = struct({ magic: { type: 'int64' } }, { name: 'record', version: 1 });
    const out = t(sinkRecord({ value: { magic: 42 }, valueSchema: schema, partition: 0, timestamp: 1_700_000_000_000 }))!;
    expect(out.valueSchema).toEqual({
      type: 'struct',
      name: 'record',
      version: 1,
      fields: [
        { type: 'int64', field: 'magic' },
        { type: 'string', field: 'topic_field' },
        { type: 'int32', optional: true, field: 'partition_field' },
        { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, optional: true, field: 'timestamp_field' },
        { type: 'string', optional: true, field: 'instance_id' },
      ],
    });
    expect(out.value).toEqual({ magic: 42, topic_field: 'test', partition_field: 0, timestamp_field: new Date(1_700_000_000_000), instance_id: 'my-instance-id' });
  });

  it('key variant, tombstones pass, offset needs a sink record, a name clash with a schema fails', () => {
    expect(transform('InsertField$Key', { 'topic.field': 't' })(sinkRecord({ key: { id: 1 } }))?.key).toEqual({ id: 1, t: 'test' });
    const tombstone = sinkRecord({ value: null });
    expect(transform('InsertField$Value', { 'topic.field': 't' })(tombstone)).toBe(tombstone);
    expect(() => transform('InsertField$Value', { 'offset.field': 'o' })(sourceRecord({ value: {} }))).toThrow(/Only SinkRecord supported/);
    expect(() => transform('InsertField$Value', { 'topic.field': 'magic' })(sinkRecord({ value: { magic: 1 }, valueSchema: struct({ magic: { type: 'int32' } }) }))).toThrow(/duplication/);
    expect(() => transform('InsertField$Value', { 'topic.field': 't' })(sinkRecord({ value: 'text' }))).toThrow(/Only Map objects supported in absence of schema for \[field insertion\], found: string/);
  });

  it('config: nothing to insert, or a static field without a value, is refused', () => {
    expect(() => transform('InsertField$Value')).toThrow(/No field insertion configured/);
    expect(() => transform('InsertField$Value', { 'static.field': 'x' })).toThrow(/No value specified for static field: x/);
  });
});
