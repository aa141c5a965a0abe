import type { EventModel, ForeignKey, GeneratorContext, GeneratorSpec, ModelEvent } from '../core/event-model.js';
import type { Prng } from '../core/prng.js';
import { SessionScheduler, type Session } from '../core/session-scheduler.js';
import { thinkTime } from '../core/think-time.js';
import { UserPicker } from '../core/user-picker.js';
import { WeightedPicker } from '../core/weighted-picker.js';
import { buildCatalog, type Catalog } from '../dimensions/catalog.js';
import { buildUsers } from '../dimensions/users.js';

/**
 * user-events: what signed-in users do. Each session is `login`, then page views, searches and
 * purchases, then (mostly) `logout`; nothing of a user's session comes before its login or after
 * its logout. Keyed by user_id. Dimensions: users and products (purchases refer to a product).
 *
 *     {"event_id", "timestamp", "user_id", "event_type", "data": {"page"} | {"query"} | {"product_id", "amount"} | {}}
 */
export const userEventsGenerator: GeneratorSpec = {
  name: 'user-events',
  description: 'login, page_view, search, purchase, logout per user session; users and products in Postgres',
  defaultTopic: 'user-events',
  create(context: GeneratorContext): EventModel {
    const dimensionPrng = context.prng('dimensions');
    const faker = context.faker('dimensions');
    const users = buildUsers(context.options.users, faker, dimensionPrng, context.startTime);
    const catalog = buildCatalog(context.options.products, faker, dimensionPrng);
    const prng = context.prng('sessions');
    const userPicker = new UserPicker(users.activity, prng);
    const scheduler = new SessionScheduler<ModelEvent>(() => {
      const userId = userPicker.acquire();
      if (userId === undefined) return undefined;
      return new UserSession(userId, catalog, prng, () => userPicker.release(userId));
    });
    return {
      headers: { source: 'app' },
      keyField: 'user_id',
      dimensions: [users.table, catalog.products],
      foreignKeys: FOREIGN_KEYS,
      avroSchema: {
        type: 'record',
        name: 'UserEvent',
        namespace: 'dev.kafkasandbox.userevents',
        fields: [
          { name: 'event_id', type: 'string' },
          { name: 'timestamp', type: 'string', doc: 'event time, ISO-8601 UTC' },
          { name: 'user_id', type: 'long' },
          { name: 'event_type', type: { type: 'enum', name: 'UserEventType', symbols: ['login', 'logout', 'page_view', 'search', 'purchase'] } },
          {
            name: 'data',
            type: {
              type: 'record',
              name: 'UserEventData',
              fields: [
                { name: 'page', type: ['null', 'string'], default: null },
                { name: 'query', type: ['null', 'string'], default: null },
                { name: 'product_id', type: ['null', 'string'], default: null },
                { name: 'amount', type: ['null', 'double'], default: null },
              ],
            },
          },
        ],
      },
      next: (time, eventId) => scheduler.next(time, eventId),
      orphanValue(foreignKey, n) {
        return foreignKey.table === 'users' ? context.options.users + 1 + n : `p-orphan-${n}`;
      },
    };
  },
};

const FOREIGN_KEYS: readonly ForeignKey[] = [
  { path: 'user_id', table: 'users', column: 'user_id' },
  { path: 'data.product_id', table: 'products', column: 'product_id' },
];

const ACTIONS = WeightedPicker.fromRecord({ page_view: 60, search: 25, purchase: 15 });
const MAX_ACTIONS = 25;

class UserSession implements Session<ModelEvent> {
  private state: 'login' | 'active' = 'login';
  private actions = 0;

  constructor(
    private readonly userId: number,
    private readonly catalog: Catalog,
    private readonly prng: Prng,
    private readonly onEnd: () => void,
  ) {}

  step(time: number, eventId: string): { event: ModelEvent; nextInMs?: number } {
    const { prng, catalog } = this;
    let type: string;
    let data: Record<string, unknown>;
    let ends = false;
    if (this.state === 'login') {
      type = 'login';
      data = {};
      this.state = 'active';
    } else if (this.actions >= MAX_ACTIONS || (this.actions > 0 && prng.chance(0.12))) {
      // Most sessions end with an explicit logout; the rest just stop (an expired session).
      type = 'logout';
      data = {};
      ends = true;
    } else {
      type = ACTIONS.pick(prng);
      this.actions++;
      if (type === 'page_view') data = { page: prng.pick(prng.chance(0.7) ? catalog.productUrls : catalog.categoryUrls) };
      else if (type === 'search') data = { query: decodeURIComponent(prng.pick(catalog.searchUrls).slice('/search?q='.length).replaceAll('+', ' ')) };
      else {
        const product = prng.pick(catalog.products.rows);
        data = { product_id: product.product_id, amount: Math.round(product.price * prng.int(1, 3) * 100) / 100 };
      }
      if (this.actions > 0 && prng.chance(0.03)) ends = true;
    }
    const value = { event_id: eventId, timestamp: new Date(time).toISOString(), user_id: this.userId, event_type: type, data };
    const event: ModelEvent = { key: String(this.userId), eventType: type, eventTime: time, value };
    if (ends) {
      this.onEnd();
      return { event };
    }
    return { event, nextInMs: thinkTime(prng, 2_000, 45_000) };
  }
}
