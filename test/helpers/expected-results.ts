import { windowsFor, type TimeWindowSpec } from '../../runtime/streams/windows.js';

/** A click as the clickstream generator plans it (the fields the window and session jobs read). */
export interface PlannedClick {
  timestamp: string;
  user_id: number;
  url: string;
}

/** A session as sessionize writes it. */
export interface ExpectedSession {
  user_id: number;
  session_start: string;
  session_end: string;
  duration_seconds: number;
  event_count: number;
}

/**
 * The sessions sessionize emits for `clicks` (none late): per user, clicks less than `gapMs` apart
 * form one session; a session is emitted once the watermark, which ends at the latest event time,
 * reaches its last click + gap + grace.
 */
export function expectedSessions(clicks: readonly PlannedClick[], gapMs: number, graceMs: number): ExpectedSession[] {
  const end = Math.max(...clicks.map((c) => Date.parse(c.timestamp)));
  const byUser = new Map<number, number[]>();
  for (const click of clicks) byUser.set(click.user_id, [...(byUser.get(click.user_id) ?? []), Date.parse(click.timestamp)]);
  const sessions: ExpectedSession[] = [];
  for (const [user, times] of byUser) {
    times.sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= times.length; i++) {
      if (i < times.length && times[i]! - times[i - 1]! < gapMs) continue;
      const first = times[start]!;
      const last = times[i - 1]!;
      if (last + gapMs + graceMs <= end) {
        sessions.push({ user_id: user, session_start: new Date(first).toISOString(), session_end: new Date(last).toISOString(), duration_seconds: (last - first) / 1000, event_count: i - start });
      }
      start = i;
    }
  }
  return sessions;
}

/** A window count as pageview-windows writes it (its `type` field aside). */
export interface ExpectedWindowCount {
  url: string;
  window: string;
  window_start: string;
  window_end: string;
  count: number;
}

/**
 * The page-view counts pageview-windows emits for `clicks` (none late): one per url and window of
 * each spec that holds a click, once the watermark, which ends at the latest event time, reaches
 * the window's end + grace.
 */
export function expectedWindowCounts(clicks: readonly PlannedClick[], specs: readonly TimeWindowSpec[], graceMs: number): ExpectedWindowCount[] {
  const end = Math.max(...clicks.map((c) => Date.parse(c.timestamp)));
  const counts = new Map<string, ExpectedWindowCount>();
  for (const click of clicks) {
    for (const spec of specs) {
      for (const w of windowsFor(Date.parse(click.timestamp), spec)) {
        if (w.end + graceMs > end) continue;
        const key = `${spec.name}\u0001${click.url}\u0001${w.start}`;
        const entry = counts.get(key);
        if (entry) entry.count++;
        else counts.set(key, { url: click.url, window: spec.name, window_start: new Date(w.start).toISOString(), window_end: new Date(w.end).toISOString(), count: 1 });
      }
    }
  }
  return [...counts.values()];
}
