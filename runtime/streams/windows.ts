/**
 * Event-time windows. Tumbling windows are hopping windows whose advance equals their size. A
 * window is `[start, end)`, aligned to the epoch: a 1-minute window starts on a whole minute.
 */
export interface TimeWindowSpec {
  readonly kind: 'tumbling' | 'hopping';
  readonly sizeMs: number;
  readonly advanceMs: number;
  /** Used in outputs: `tumbling-1m`, `hopping-5m-1m`. */
  readonly name: string;
}

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export function tumbling(sizeMs: number, name?: string): TimeWindowSpec {
  if (!(sizeMs > 0)) throw new RangeError(`window size must be positive, got ${sizeMs}`);
  return { kind: 'tumbling', sizeMs, advanceMs: sizeMs, name: name ?? `tumbling-${label(sizeMs)}` };
}

export function hopping(sizeMs: number, advanceMs: number, name?: string): TimeWindowSpec {
  if (!(sizeMs > 0) || !(advanceMs > 0) || advanceMs > sizeMs) throw new RangeError(`hopping windows need 0 < advance <= size, got size ${sizeMs}, advance ${advanceMs}`);
  return { kind: 'hopping', sizeMs, advanceMs, name: name ?? `hopping-${label(sizeMs)}-${label(advanceMs)}` };
}

/** Every window that holds event time `t`, oldest first (size/advance of them for hopping windows). */
export function windowsFor(t: number, spec: TimeWindowSpec): TimeWindow[] {
  const lastStart = t - mod(t, spec.advanceMs);
  const windows: TimeWindow[] = [];
  for (let start = lastStart - spec.sizeMs + spec.advanceMs; start <= lastStart; start += spec.advanceMs) {
    if (start + spec.sizeMs > t) windows.push({ start, end: start + spec.sizeMs });
  }
  return windows;
}

const mod = (a: number, b: number) => ((a % b) + b) % b;

function label(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
