import { describe, expect, it } from 'vitest';
import { danglingForeignKeys } from '../testing/foreign-keys.js';
import { testRun } from '../testing/test-run.js';

const run = testRun('user-events', { count: 20_000 });

describe('user-events', () => {
  it('carries data by event type, keyed by user_id', () => {
    const byType = new Map<string, Record<string, unknown>>();
    for (const r of run.list) {
      expect(r.key).toBe(String(r.value.user_id));
      expect(Object.keys(r.value)).toEqual(['event_id', 'timestamp', 'user_id', 'event_type', 'data']);
      expect(r.value.event_id).toBe(r.eventId);
      byType.set(r.eventType, r.value.data as Record<string, unknown>);
    }
    expect([...byType.keys()].sort()).toEqual(['login', 'logout', 'page_view', 'purchase', 'search']);
    expect(Object.keys(byType.get('page_view')!)).toEqual(['page']);
    expect(Object.keys(byType.get('search')!)).toEqual(['query']);
    expect(Object.keys(byType.get('purchase')!)).toEqual(['product_id', 'amount']);
    expect(byType.get('login')).toEqual({});
  });

  it("each user's events form sessions: login first, nothing between logout and the next login", () => {
    const state = new Map<unknown, 'in' | 'out'>();
    for (const r of run.list) {
      const user = r.value.user_id;
      if (r.eventType === 'login') {
        // A session may end without a logout (expired); the next one starts with a login again.
        state.set(user, 'in');
      } else {
        expect(state.get(user), `${r.eventType} of user ${String(user)} outside a session`).toBe('in');
        if (r.eventType === 'logout') state.set(user, 'out');
      }
    }
  });

  it('every user_id and product_id exists in the dimension tables', () => {
    expect(run.model.dimensions.map((t) => t.name)).toEqual(['users', 'products']);
    expect(danglingForeignKeys(run.model, run.list)).toEqual([]);
  });
});
