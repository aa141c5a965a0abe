import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads ms, s, m, h and d, and a bare number as seconds', () => {
    expect([parseDuration('30'), parseDuration('1.5s'), parseDuration('2m'), parseDuration('250ms'), parseDuration('1h'), parseDuration('1d')]).toEqual([
      30_000, 1500, 120_000, 250, 3_600_000, 86_400_000,
    ]);
    expect([parseDuration('10'), parseDuration(' 10 s '), parseDuration('0'), parseDuration('0.0015')]).toEqual([10_000, 10_000, 0, 2]);
  });

  it('refuses anything else', () => {
    for (const text of ['soon', '-1s', '', '1w', '1e3', 's', '1 5s']) expect(parseDuration(text), text).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('is exact, largest units first', () => {
    expect([formatDuration(0), formatDuration(90_000), formatDuration(1500), formatDuration(86_400_000 + 3_600_000), formatDuration(250)]).toEqual(['0s', '1m30s', '1s500ms', '1d1h', '250ms']);
  });

  it('round-trips through parseDuration', () => {
    for (const text of ['1m', '5m', '10s', '30m', '1h', '250ms']) expect(formatDuration(parseDuration(text)!)).toBe(text);
  });
});

describe('formatElapsed', () => {
  it('rounds to a tenth of a second, in minutes and seconds', () => {
    expect([formatElapsed(250), formatElapsed(12_345), formatElapsed(90_000), formatElapsed(120_000), formatElapsed(3_660_000)]).toEqual(['250ms', '12.3s', '1m30s', '2m', '61m']);
  });
});
