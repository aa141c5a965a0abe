import { createRun, type GeneratorRun } from '../core/generate-records.js';
import type { GenerationSettings } from '../core/generation-settings.js';
import type { PlannedRecord } from '../core/planned-record.js';
import { builtinGenerators } from '../generator-registry.js';

/** Settings for tests and benchmarks: seed "42", 2025-01-01T00:00:00Z, 1,000 events at 100/s, no disorder. */
export function testSettings(overrides: Partial<GenerationSettings> = {}): GenerationSettings {
  return {
    seed: '42',
    startTime: Date.parse('2025-01-01T00:00:00Z'),
    count: 1000,
    rate: 100,
    maxLatenessMs: 30_000,
    disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0, orphanRate: 0 },
    topic: 'test-topic',
    model: { users: 200, products: 100 },
    ...overrides,
  };
}

/** A run of a built-in generator with `testSettings`, its records collected. */
export function testRun(name: string, overrides: Partial<GenerationSettings> = {}): GeneratorRun & { list: PlannedRecord[] } {
  const spec = builtinGenerators().get(name);
  if (!spec) throw new Error(`no generator ${name}`);
  const run = createRun(spec, testSettings(overrides));
  return { ...run, list: [...run.records] };
}
