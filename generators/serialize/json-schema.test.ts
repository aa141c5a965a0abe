import { describe, expect, it } from 'vitest';
import { testRun } from '../testing/test-run.js';
import { jsonSchemaFromAvro } from './json-schema.js';

describe('jsonSchemaFromAvro', () => {
  it('requires every top-level field (null included) and lets nested nullable fields be absent', () => {
    const clicks = jsonSchemaFromAvro(testRun('clickstream', { count: 1 }).model.avroSchema!) as { required: string[]; properties: Record<string, unknown> };
    expect(clicks.required).toEqual(['timestamp', 'user_id', 'url', 'device_id', 'session_id', 'referrer', 'event_type']);
    expect(clicks.properties.referrer).toEqual({ anyOf: [{ type: 'null' }, { type: 'string' }] });
    expect(clicks.properties.user_id).toEqual({ type: 'integer' });

    const users = jsonSchemaFromAvro(testRun('user-events', { count: 1 }).model.avroSchema!) as { properties: { data: { required: string[] }; event_type: unknown } };
    expect(users.properties.data.required).toEqual([]);
    expect(users.properties.event_type).toEqual({ type: 'string', enum: ['login', 'logout', 'page_view', 'search', 'purchase'] });

    const orders = jsonSchemaFromAvro(testRun('order-events', { count: 1 }).model.avroSchema!) as { properties: { order_data: { properties: { items: unknown } } } };
    expect(orders.properties.order_data.properties.items).toMatchObject({ type: 'array', items: { type: 'object', required: ['product_id', 'quantity', 'unit_price'] } });
  });
});
