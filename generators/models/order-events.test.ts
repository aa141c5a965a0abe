import { describe, expect, it } from 'vitest';
import { danglingForeignKeys } from '../testing/foreign-keys.js';
import { testRun } from '../testing/test-run.js';
import { ORDER_TRANSITIONS, type OrderItem, type OrderStatus } from './order-events.js';

const run = testRun('order-events', { count: 20_000 });

describe('order-events', () => {
  it('every order follows its lifecycle, keeps its user and order_data, and totals add up', () => {
    const orders = new Map<string, Array<Record<string, unknown>>>();
    for (const r of run.list) {
      expect(r.key).toBe(r.value.order_id);
      orders.set(r.key, [...(orders.get(r.key) ?? []), r.value as Record<string, unknown>]);
    }
    const finals = new Map<string, number>();
    for (const events of orders.values()) {
      expect(events[0]!.event_type).toBe('created');
      for (let i = 1; i < events.length; i++) {
        const from = events[i - 1]!.event_type as OrderStatus;
        expect(ORDER_TRANSITIONS[from].map(([to]) => to)).toContain(events[i]!.event_type);
        expect(events[i]!.user_id).toBe(events[0]!.user_id);
        expect(events[i]!.order_data).toEqual(events[0]!.order_data);
        expect(Date.parse(events[i]!.timestamp as string)).toBeGreaterThan(Date.parse(events[i - 1]!.timestamp as string));
      }
      const data = events[0]!.order_data as { items: OrderItem[]; total_amount: number };
      expect(data.items.length).toBeGreaterThan(0);
      expect(new Set(data.items.map((i) => i.product_id)).size).toBe(data.items.length);
      expect(Math.round(data.items.reduce((s, i) => s + i.unit_price * i.quantity, 0) * 100)).toBe(Math.round(data.total_amount * 100));
      const last = events.at(-1)!.event_type as string;
      finals.set(last, (finals.get(last) ?? 0) + 1);
    }
    expect(finals.get('delivered')).toBeGreaterThan(0);
    expect(finals.get('cancelled')).toBeGreaterThan(0);
  });

  it('every user_id and product_id exists in the dimension tables', () => {
    expect(danglingForeignKeys(run.model, run.list)).toEqual([]);
  });
});
