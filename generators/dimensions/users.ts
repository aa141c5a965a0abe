import type { Faker } from '@faker-js/faker';
import type { DimensionTable } from '../core/dimension-table.js';
import type { Prng } from '../core/prng.js';
import { WeightedPicker } from '../core/weighted-picker.js';

export type UserRow = {
  readonly user_id: number;
  readonly user_name: string;
  readonly email: string;
  readonly country: string;
  readonly segment: string;
  readonly signup_time: string;
};

/** The `users` dimension plus how active each user is (a few heavy users, a long tail). */
export interface Users {
  readonly table: DimensionTable & { readonly rows: readonly UserRow[] };
  /** Picks a user id weighted by activity. */
  readonly activity: WeightedPicker<number>;
}

const COUNTRIES = WeightedPicker.fromRecord({
  US: 28, GB: 9, DE: 9, IN: 9, FR: 7, BR: 6, JP: 6, CA: 5, ES: 4, IT: 4, AU: 4, NL: 3, SE: 2, MX: 2, PL: 2,
});
const SEGMENTS = WeightedPicker.fromRecord({ new: 30, regular: 45, loyal: 20, vip: 5 });
const DAY_MS = 86_400_000;

/**
 * `count` users with ids 1..count. Names and emails come from faker (once, at build time); sign-up
 * times fall in the two years before `startTime`. Activity follows a Zipf-like law over a seeded
 * ranking, so sessions concentrate on some users like real traffic does.
 */
export function buildUsers(count: number, faker: Faker, prng: Prng, startTime: number): Users {
  const rows: UserRow[] = [];
  for (let id = 1; id <= count; id++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    rows.push({
      user_id: id,
      user_name: faker.internet.username({ firstName, lastName }).toLowerCase(),
      email: faker.internet.email({ firstName, lastName }).toLowerCase(),
      country: COUNTRIES.pick(prng),
      segment: SEGMENTS.pick(prng),
      signup_time: new Date(startTime - prng.int(DAY_MS, 730 * DAY_MS)).toISOString(),
    });
  }
  const ranks = rows.map((_, i) => i + 1);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j] as number, ranks[i] as number];
  }
  const activity = new WeightedPicker(rows.map((row, i) => [row.user_id, 1 / Math.pow(ranks[i] as number, 0.7)] as const));
  return {
    table: {
      name: 'users',
      primaryKey: 'user_id',
      columns: [
        { name: 'user_id', type: 'bigint' },
        { name: 'user_name', type: 'text' },
        { name: 'email', type: 'text' },
        { name: 'country', type: 'text' },
        { name: 'segment', type: 'text' },
        { name: 'signup_time', type: 'timestamptz' },
      ],
      rows,
    },
    activity,
  };
}
