import { Faker, base, en } from '@faker-js/faker';
import type { Prng } from './prng.js';

/**
 * A Faker instance of its own, seeded from `prng`, with its reference date pinned to `refDate` so
 * that date helpers never read the wall clock. Faker is slow next to `Prng`: use it to build entity
 * pools once, not per event.
 */
export function seededFaker(prng: Prng, refDate: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(prng.seedForFaker());
  faker.setDefaultRefDate(new Date(refDate));
  return faker;
}
