import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/core/errors.js';
import { parseGenerateOptions, type RawGenerateOptions } from './generate-options.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const parse = (raw: RawGenerateOptions) => parseGenerateOptions(raw, { topic: 'clickstream', now: NOW, randomSeed: () => '7' });
const problemsOf = (raw: RawGenerateOptions): string[] => {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.exitCode).toBe(2);
    return e.problems.length > 0 ? e.problems : [e.message];
  }
  throw new Error('expected a ConfigError');
};

describe('parseGenerateOptions', () => {
  it('defaults: 1,000 events at an event-time rate of 100/s, not paced, random seed, lz4, ledger next to the topic', () => {
    const options = parse({});
    // Not paced: the 1,000 events (9.99 s of event time) end now.
    expect(options.settings).toMatchObject({ seed: '7', startTime: NOW - 9990, count: 1000, rate: 100, topic: 'clickstream', model: { users: 1000, products: 200 } });
    expect(options).toMatchObject({ paced: false, format: 'json', compression: 'lz4', partitions: 6, pgSchema: 'public', writeDimensions: true, ledgerFile: 'clickstream.ledger.json' });
  });

  it('any two of count, duration and rate give the third; rate or duration means paced', () => {
    expect(parse({ duration: '1m', rate: '50' }).settings.count).toBe(3000);
    expect(parse({ count: '600', duration: '2m' }).settings.rate).toBe(5);
    expect(parse({ duration: '10s' })).toMatchObject({ paced: true, settings: { count: 1000, startTime: NOW } });
    expect(parse({ count: '10', rate: '1', fast: true }).paced).toBe(false);
    expect(parse({ rate: '5000' }).settings.model.users).toBe(50_000);
  });

  it('reads rates as fractions or percentages, times as ISO or epoch ms, bursts', () => {
    const options = parse({ count: '100000', duplicateRate: '1%', lateRate: '0.02', maxLateness: '1m', startTime: '2025-01-01T00:00:00Z', burst: '4x5s/30s' });
    expect(options.settings.disorder).toEqual({ lateRate: 0.02, duplicateRate: 0.01, malformedRate: 0, orphanRate: 0 });
    expect(options.settings.maxLatenessMs).toBe(60_000);
    expect(options.settings.startTime).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(options.settings.burst).toEqual({ factor: 4, lengthMs: 5000, everyMs: 30_000 });
    expect(parse({ startTime: '1735689600000' }).settings.startTime).toBe(1735689600000);
  });

  it('--dimension-topics takes an optional prefix', () => {
    expect(parse({}).dimensionTopicPrefix).toBeUndefined();
    expect(parse({ dimensionTopics: true }).dimensionTopicPrefix).toBe('');
    expect(parse({ dimensionTopics: 'shop.' }).dimensionTopicPrefix).toBe('shop.');
    expect(problemsOf({ dimensionTopics: 'a b' })[0]).toMatch(/--dimension-topics prefix "a b"/);
  });

  it('reports one problem as the message itself', () => {
    expect(problemsOf({ count: 'ten' })).toEqual(['--count must be a whole number from 1 to 100,000,000, got "ten"']);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      count: '0', duration: 'soon', rate: '-3', duplicateRate: '1.5', malformedRate: 'x', startTime: 'yesterday',
      format: 'xml', compression: 'brotli', topic: 'no spaces', pgSchema: 'drop table', burst: '3', users: '1.5',
    });
    expect(problems).toHaveLength(13);
    expect(problems.join('\n')).toMatch(/--burst "3": expected FACTORxLENGTH\/EVERY/);
    expect(problems.join('\n')).toMatch(/--compression must be one of none, gzip, snappy, lz4, zstd/);
    expect(problems.join('\n')).toMatch(/--format must be one of json, avro, json-schema, got "xml"/);
  });

  it('refuses event times more than an hour ahead, which Kafka would reject', () => {
    expect(problemsOf({ count: '720001', startTime: '2025-06-01T12:00:00Z' })[0]).toMatch(
      /puts event times up to 2025-06-01T14:00:00.000Z, more than an hour ahead/,
    );
    expect(parse({ count: '720000', rate: '100', startTime: '2025-06-01T12:00:00Z' }).paced).toBe(true);
  });

  it('refuses impossible knob combinations', () => {
    expect(problemsOf({ count: '10', malformedRate: '0.6', duplicateRate: '0.5' })).toEqual([
      '--duplicate-rate 0.5 plus --malformed-rate 0.6 exceed all 10 events (they apply to different events)',
    ]);
    expect(problemsOf({ count: '1', duration: '1s', rate: '1' })[0]).toMatch(/at most two/);
  });
});
