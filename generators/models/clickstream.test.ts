import { describe, expect, it } from 'vitest';
import type { PlannedRecord } from '../core/planned-record.js';
import { danglingForeignKeys } from '../testing/foreign-keys.js';
import { testRun } from '../testing/test-run.js';
import { ENTRY_PAGES, EVENT_TYPES, EXTERNAL_REFERRERS, THINK_TIME_MS, TRANSITIONS, type Page } from './clickstream-funnel.js';
import type { ClickValue } from './clickstream.js';

const run = testRun('clickstream', { count: 20_000, model: { users: 1000, products: 150 } });
const clicks = run.list.map((r) => r.value as unknown as ClickValue);
const urlCategory = new Map(run.model.dimensions.find((t) => t.name === 'urls')!.rows.map((r) => [r.url as string, r.url_category as string]));
const PAGE_OF: Record<string, Page> = {
  home: 'home', 'category-page': 'category', 'product-page': 'product', search: 'search', blog: 'blog', cart: 'cart', checkout: 'checkout',
};
const pageOf = (click: ClickValue) => PAGE_OF[urlCategory.get(click.url)!]!;

function sessions(): Map<string, ClickValue[]> {
  const bySession = new Map<string, ClickValue[]>();
  for (const click of clicks) bySession.set(click.session_id, [...(bySession.get(click.session_id) ?? []), click]);
  return bySession;
}

describe('clickstream', () => {
  it('emits exactly the JSON shape of the issue, keyed by user_id, with a source: web header', () => {
    const record = run.list[0] as PlannedRecord;
    expect(Object.keys(record.value)).toEqual(['timestamp', 'user_id', 'url', 'device_id', 'session_id', 'referrer', 'event_type']);
    expect(record.value.timestamp).toBe('2025-01-01T00:00:00.000Z');
    for (const r of run.list) {
      expect(r.key).toBe(String(r.value.user_id));
      expect(r.headers).toEqual({ source: 'web', event_id: r.eventId });
      expect(r.value.timestamp).toBe(new Date(r.timestamp).toISOString());
    }
  });

  it('sessions walk the funnel: entry pages, allowed transitions, referrers, think times', () => {
    const external = new Set(EXTERNAL_REFERRERS.map(([r]) => r));
    let checkouts = 0;
    let gaps = 0;
    let early = 0;
    for (const visit of sessions().values()) {
      expect(Object.keys(ENTRY_PAGES)).toContain(pageOf(visit[0]!));
      expect(external.has(visit[0]!.referrer)).toBe(true);
      expect(new Set(visit.map((c) => c.user_id)).size).toBe(1);
      expect(new Set(visit.map((c) => c.device_id)).size).toBe(1);
      for (let i = 1; i < visit.length; i++) {
        const [from, to] = [pageOf(visit[i - 1]!), pageOf(visit[i]!)];
        expect(TRANSITIONS[from][to], `${from} -> ${to}`).toBeGreaterThan(0);
        expect(visit[i]!.referrer).toBe(visit[i - 1]!.url);
        const gap = Date.parse(visit[i]!.timestamp) - Date.parse(visit[i - 1]!.timestamp);
        gaps++;
        if (gap < THINK_TIME_MS[from][0]) early++;
      }
      for (const click of visit) expect(click.event_type).toBe(EVENT_TYPES[pageOf(click)]);
      if (visit.some((c) => pageOf(c) === 'checkout')) checkouts++;
    }
    // A session goes on early only when every user is busy: with 1,000 users at 100/s, almost never.
    expect(early / gaps).toBeLessThan(0.002);
    // Drop-off: many sessions, few of them reach checkout.
    const total = sessions().size;
    expect(total).toBeGreaterThan(2000);
    expect(checkouts / total).toBeGreaterThan(0.01);
    expect(checkouts / total).toBeLessThan(0.15);
  });

  it('a user is in one session at a time, on one of their own devices', () => {
    const spans = new Map<number, Array<[number, number]>>();
    for (const visit of sessions().values()) {
      const span: [number, number] = [Date.parse(visit[0]!.timestamp), Date.parse(visit.at(-1)!.timestamp)];
      spans.set(visit[0]!.user_id, [...(spans.get(visit[0]!.user_id) ?? []), span]);
    }
    for (const list of spans.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) expect(list[i]![0]).toBeGreaterThan(list[i - 1]![1]);
    }
    const devices = run.model.dimensions.find((t) => t.name === 'devices')!.rows;
    expect(devices.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(devices.map((d) => d.device_id)).size).toBe(devices.length);
  });

  it('every user_id, device_id and url exists in the dimension tables', () => {
    expect(run.model.dimensions.map((t) => [t.name, t.primaryKey])).toEqual([
      ['users', 'user_id'],
      ['devices', 'device_id'],
      ['urls', 'url'],
    ]);
    expect(danglingForeignKeys(run.model, run.list)).toEqual([]);
  });

  it('except exactly the orphans, which dangle in the field the record says', () => {
    const orphaned = testRun('clickstream', { count: 3000, disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0, orphanRate: 0.02 } });
    const dangling = danglingForeignKeys(orphaned.model, orphaned.list);
    expect(dangling).toHaveLength(60);
    expect(dangling).toEqual(orphaned.list.filter((r) => r.orphan).map((r) => ({ eventId: r.eventId, field: r.orphan!.field, value: r.orphan!.value })));
    expect(new Set(dangling.map((d) => d.field))).toEqual(new Set(['user_id', 'device_id', 'url']));
    for (const r of orphaned.list.filter((x) => x.orphan?.field === 'user_id')) expect(r.key).toBe(String(r.orphan!.value));
  });

  it('users and devices look real', () => {
    const users = run.model.dimensions.find((t) => t.name === 'users')!.rows;
    expect(users).toHaveLength(1000);
    const user = users[0]!;
    expect(Object.keys(user)).toEqual(['user_id', 'user_name', 'email', 'country', 'segment', 'signup_time']);
    expect(user.email).toMatch(/@/);
    expect(Date.parse(user.signup_time as string)).toBeLessThan(run.settings.startTime);
    const iphones = run.model.dimensions.find((t) => t.name === 'devices')!.rows.filter((d) => d.device_type === 'iPhone');
    for (const d of iphones) expect(d.os).toMatch(/^iOS/);
  });
});
