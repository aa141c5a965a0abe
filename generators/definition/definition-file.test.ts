import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { createRun } from '../core/generate-records.js';
import { jsonValue } from '../serialize/json-value.js';
import { danglingForeignKeys } from '../testing/foreign-keys.js';
import { testSettings } from '../testing/test-run.js';
import { parseDefinition } from './definition-file.js';
import { definitionGenerator } from './definition-generator.js';

const examplePath = fileURLToPath(new URL('./examples/payments.yaml', import.meta.url));
const example = readFileSync(examplePath, 'utf8');

function problems(text: string): string[] {
  try {
    parseDefinition(text, 'my.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('generator definitions', () => {
  it('parses the example, tables in dependency order', () => {
    const definition = parseDefinition(example, 'payments.yaml');
    expect(definition.name).toBe('payments');
    expect(definition.tables.map((t) => [t.name, t.rows, t.primaryKey])).toEqual([
      ['customers', 500, 'customer_id'],
      ['merchants', 50, 'merchant_id'],
    ]);
    expect(definition.event.fields.map((f) => f.spec.kind)).toEqual(['event_id', 'event_time', 'ref', 'ref', 'range', 'const', 'weighted']);
    expect(definition.event.headers).toEqual({ source: 'billing' });
  });

  it('generates deterministic events whose references resolve, and orphans when asked', () => {
    const spec = definitionGenerator(parseDefinition(example, 'payments.yaml'));
    const settings = testSettings({ count: 2000, topic: 'payments', disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0, orphanRate: 0.01 } });
    const run = createRun(spec, settings);
    const records = [...run.records];
    const again = [...createRun(spec, settings).records];
    expect(records.map((r) => jsonValue(r).toString())).toEqual(again.map((r) => jsonValue(r).toString()));

    const first = records[0]!;
    expect(Object.keys(first.value)).toEqual(['payment_id', 'at', 'customer_id', 'merchant_id', 'amount', 'currency', 'status']);
    expect(first.value.payment_id).toBe(first.eventId);
    expect(first.value.at).toBe('2025-01-01T00:00:00.000Z');
    expect(first.key).toBe(String(first.value.customer_id));
    expect(first.headers).toEqual({ source: 'billing', event_id: first.eventId });
    expect(['authorized', 'declined', 'refunded']).toContain(first.eventType);
    for (const r of records) {
      expect(r.value.amount as number).toBeGreaterThanOrEqual(1);
      expect(r.value.amount as number).toBeLessThanOrEqual(500);
      expect(Math.round((r.value.amount as number) * 100)).toBeCloseTo((r.value.amount as number) * 100, 6);
    }
    const dangling = danglingForeignKeys(run.model, records);
    expect(dangling).toHaveLength(20);
    expect(dangling.every((d) => records.find((r) => r.eventId === d.eventId)!.orphan?.field === d.field)).toBe(true);

    const customers = run.model.dimensions.find((t) => t.name === 'customers')!;
    expect(customers.columns).toEqual([
      { name: 'customer_id', type: 'bigint' },
      { name: 'name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'tier', type: 'text' },
      { name: 'signed_up', type: 'timestamptz' },
    ]);
    expect(Date.parse(customers.rows[0]!.signed_up as string)).toBeLessThan(settings.startTime);
    expect(run.model.avroSchema?.fields.map((f) => [f.name, f.type])).toEqual([
      ['payment_id', 'string'], ['at', 'string'], ['customer_id', 'long'], ['merchant_id', 'string'], ['amount', 'double'], ['currency', 'string'], ['status', 'string'],
    ]);
  });

  it('reports every problem at once with file:line:col and did-you-mean', () => {
    const text = [
      'nmae: x', //                                         1
      'tables:', //                                         2
      '  customers:', //                                    3
      '    rows: 0', //                                     4
      '    primary_key: id', //                             5
      '    fields:', //                                     6
      '      customer_id: sequence', //                     7
      '      name: { faker: person.fulName }', //           8
      '      age: { range: [90, 18] }', //                  9
      '      tier: { wieghted: { a: 1 } }', //             10
      '      when: event_time', //                         11
      'event:', //                                         12
      '  key: customer', //                                13
      '  fields:', //                                      14
      '    customer_id: { ref: custmers.customer_id }', // 15
      '    product: { ref: customers.sku }', //           16
      '    amount: { range: [1, 2], decimals: 2, args: [] }', // 17
      '    at: event_tme', //                              18
    ].join('\n');
    expect(problems(text)).toEqual([
      'my.yaml:1:1 unknown top-level key "nmae" (did you mean "name"?)',
      'my.yaml:4:11 `rows` must be a whole number from 1 to 1,000,000',
      'my.yaml:5:18 primary_key "id" is not a field of "customers"',
      'my.yaml:8:22 faker module "person" has no method "fulName" (did you mean "fullName"?)',
      'my.yaml:9:21 `range` min 90 is greater than max 18',
      'my.yaml:10:13 a field needs one of faker, range, choice, weighted, ref, sequence, const, uuid, event_time, event_id',
      'my.yaml:10:15 unknown field key "wieghted" (did you mean "weighted"?)',
      'my.yaml:11:13 event_time exists only for event fields, not table rows',
      'my.yaml:13:8 key "customer" is not an event field',
      'my.yaml:15:25 ref "custmers.customer_id": no table "custmers" (did you mean "customers"?)',
      'my.yaml:16:21 ref "customers.sku": table "customers" has no field "sku"',
      'my.yaml:17:43 `args` goes with `faker`, not `range`',
      'my.yaml:18:9 "event_tme" is not a field kind (did you mean "event_time"?); write one of uuid, event_time, event_id, sequence, or a mapping like { faker: person.firstName }',
    ]);
  });

  it('finds missing parts, cycles and YAML syntax errors', () => {
    expect(problems('tables: {}\n')).toEqual(['my.yaml:1:1 missing `event`: the entity sent to Kafka, with `key` and `fields`']);
    const cycle = [
      'tables:',
      '  a:',
      '    rows: 1',
      '    primary_key: id',
      '    fields: { id: sequence, b: { ref: b.id } }',
      '  b:',
      '    rows: 1',
      '    primary_key: id',
      '    fields: { id: sequence, a: { ref: a.id } }',
      'event:',
      '  key: id',
      '  fields: { id: uuid }',
    ].join('\n');
    expect(problems(cycle)).toEqual(['my.yaml:3:5 tables refer to each other in a cycle: a -> b -> a']);
    expect(problems('event: [unclosed\n')[0]).toMatch(/^my\.yaml:\d+:\d+ /);
  });
});
