import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { describe, expect, inject, it } from 'vitest';
import type { ConnectSchema } from '../../runtime/core/record.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { convertersFor } from '../../runtime/converters/converter-registry.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');
const registryUrl = endpoints.schemaRegistryUrl!;

const keySchema: ConnectSchema = { type: 'struct', name: 'shop.OrderKey', fields: [{ type: 'int32', field: 'id' }] };
const valueSchema: ConnectSchema = {
  type: 'struct',
  name: 'shop.Order',
  fields: [
    { type: 'int32', field: 'id' },
    { type: 'string', optional: true, field: 'customer' },
    { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' }, field: 'total' },
    { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, field: 'placed_at' },
    { type: 'array', items: { type: 'string' }, field: 'items' },
  ],
};
const orders = [
  { id: 1, customer: 'ann', total: 19.99, placed_at: new Date('2025-03-01T09:00:00Z'), items: ['book'] },
  { id: 2, customer: null, total: 5, placed_at: new Date('2025-03-01T09:01:00Z'), items: [] },
];

/** Converter config for one format, as a connector config would set it. */
function converterConfig(className: string): Record<string, unknown> {
  return {
    'key.converter': className,
    'key.converter.schema.registry.url': registryUrl,
    'value.converter': className,
    'value.converter.schema.registry.url': registryUrl,
    'value.converter.auto.register.schemas': true,
  };
}

describe.each([
  ['Avro', 'io.confluent.connect.avro.AvroConverter', 'AVRO'],
  ['JSON Schema', 'io.confluent.connect.json.JsonSchemaConverter', 'JSON'],
])('%s converter against the stack\'s Schema Registry and Kafka', (_name, className, schemaType) => {
  it('registers <topic>-key/-value, produces to Kafka in the Confluent wire format and reads the same Connect data back', async () => {
    const topic = unique(`conv-${schemaType.toLowerCase()}`);
    const { key: keyConverter, value: valueConverter } = convertersFor(converterConfig(className));
    const messages = await Promise.all(orders.map(async (order) => ({
      key: (await keyConverter.fromConnectData(topic, { id: order.id }, keySchema))!,
      value: (await valueConverter.fromConnectData(topic, order, valueSchema))!,
    })));
    for (const message of messages) expect(message.value[0]).toBe(0);

    const subjects = await httpJson<string[]>(`${registryUrl}/subjects`);
    expect(subjects).toEqual(expect.arrayContaining([`${topic}-key`, `${topic}-value`]));
    const latest = await httpJson<{ id: number; schemaType?: string }>(`${registryUrl}/subjects/${topic}-value/versions/latest`);
    expect(latest.id).toBe(messages[0]!.value.readInt32BE(1));
    expect(latest.schemaType ?? 'AVRO').toBe(schemaType);

    const kafka = kafkaClient(endpoints.bootstrapServers);
    const admin = kafka.admin();
    await admin.connect();
    const consumer = kafka.consumer({ groupId: unique('conv-group') });
    try {
      await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [...messages, { key: messages[0]!.key, value: null }] });
      await producer.disconnect();

      const received: { key: Buffer | null; value: Buffer | null }[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push({ key: message.key, value: message.value }) });
      await pollUntil('3 records consumed', async () => (received.length >= 3 ? true : undefined), { timeoutMs: 60_000 });

      // A fresh pair of converters (empty caches) reads what was written, schemas from the registry.
      const readers = convertersFor(converterConfig(className));
      const decoded = await Promise.all(received.map(async (m) => ({ key: await readers.key.toConnectData(topic, m.key), value: await readers.value.toConnectData(topic, m.value) })));
      expect(decoded.map((d) => d.key.value)).toEqual([{ id: 1 }, { id: 2 }, { id: 1 }]);
      expect(decoded.map((d) => d.value.value)).toEqual([...orders, null]);
      expect(decoded[0]!.value.schema).toEqual(valueSchema);
      expect(decoded[0]!.key.schema).toEqual(keySchema);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

describe('interoperability with a generic Confluent client', () => {
  it("Avro written by the converter decodes with @kafkajs/confluent-schema-registry, and the client's records decode with the converter", async () => {
    const topic = unique('conv-interop');
    const { value: converter } = convertersFor(converterConfig('io.confluent.connect.avro.AvroConverter'));
    const library = new SchemaRegistry({ host: registryUrl });

    const ours = (await converter.fromConnectData(topic, orders[0]!, valueSchema))!;
    const decoded = (await library.decode(ours)) as Record<string, unknown>;
    expect({ ...decoded, total: undefined }).toEqual({ id: 1, customer: 'ann', total: undefined, placed_at: orders[0]!.placed_at.getTime(), items: ['book'] });

    const plainSchema = { type: 'record', name: 'Click', namespace: 'web', fields: [{ name: 'url', type: 'string' }, { name: 'ms', type: { type: 'long', logicalType: 'timestamp-millis' } }] };
    const { id } = await httpJson<{ id: number }>(`${registryUrl}/subjects/${topic}-clicks-value/versions`, {
      method: 'POST',
      json: { schema: JSON.stringify(plainSchema), schemaType: 'AVRO' },
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    const theirs = await library.encode(id, { url: '/home', ms: 1234 });
    expect(await converter.toConnectData(topic, theirs)).toEqual({
      value: { url: '/home', ms: new Date(1234) },
      schema: { type: 'struct', name: 'web.Click', fields: [{ type: 'string', field: 'url' }, { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, field: 'ms' }] },
    });
  });

  it('auto.register.schemas=false finds an already registered schema and refuses an unknown one', async () => {
    const topic = unique('conv-lookup');
    await convertersFor(converterConfig('io.confluent.connect.avro.AvroConverter')).value.fromConnectData(topic, orders[0]!, valueSchema);
    const lookupOnly = convertersFor({ ...converterConfig('io.confluent.connect.avro.AvroConverter'), 'value.converter.auto.register.schemas': false }).value;
    expect((await lookupOnly.fromConnectData(topic, orders[1]!, valueSchema))![0]).toBe(0);
    await expect(lookupOnly.fromConnectData(unique('conv-unknown'), orders[1]!, valueSchema)).rejects.toMatchObject({ name: 'DataException' });
  });
});
