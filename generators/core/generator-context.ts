import type { Faker } from '@faker-js/faker';
import type { GeneratorContext, ModelOptions } from './event-model.js';
import { Prng } from './prng.js';
import { seededFaker } from './seeded-faker.js';

/** The short hex tag of a run: the same seed and start time always give the same tag. */
export function runTagFor(seed: string, startTime: number): string {
  return Prng.derive(seed, 'run-tag', String(startTime)).hex(8);
}

/** A fresh context for one run of a generator. */
export function createGeneratorContext(seed: string, startTime: number, options: ModelOptions): GeneratorContext {
  return {
    seed,
    startTime,
    runTag: runTagFor(seed, startTime),
    options,
    prng: (label: string) => Prng.derive(seed, 'model', label),
    faker: (label: string): Faker => seededFaker(Prng.derive(seed, 'faker', label), startTime),
  };
}
