import type { EventModel, ForeignKey, GeneratorContext, GeneratorSpec, ModelEvent } from '../core/event-model.js';
import type { Prng } from '../core/prng.js';
import { SessionScheduler, type Session } from '../core/session-scheduler.js';
import { thinkTime } from '../core/think-time.js';
import { UserPicker } from '../core/user-picker.js';
import { buildCatalog, type Catalog } from '../dimensions/catalog.js';
import { buildDevices } from '../dimensions/devices.js';
import { buildUsers } from '../dimensions/users.js';
import {
  EVENT_TYPES,
  MAX_PAGES_PER_SESSION,
  THINK_TIME_MS,
  entryPicker,
  referrerPicker,
  transitionPickers,
  type Page,
} from './clickstream-funnel.js';

/** The value of a click event, in this field order (the JSON shape of issue 4). */
export interface ClickValue {
  timestamp: string;
  user_id: number;
  url: string;
  device_id: string;
  session_id: string;
  referrer: string | null;
  event_type: string;
}

const FOREIGN_KEYS: readonly ForeignKey[] = [
  { path: 'user_id', table: 'users', column: 'user_id' },
  { path: 'device_id', table: 'devices', column: 'device_id' },
  { path: 'url', table: 'urls', column: 'url' },
];

/**
 * Clickstream: page views of users browsing the shop in sessions that follow the funnel of
 * `clickstream-funnel.ts`, keyed by user_id, with a `source: web` header. Dimensions: users,
 * devices (each session uses one of its user's devices) and urls (every page a session visits).
 */
export const clickstreamGenerator: GeneratorSpec = {
  name: 'clickstream',
  description: 'page views in funnel-shaped sessions (home, category, product, cart, checkout); users, devices, urls in Postgres',
  defaultTopic: 'clickstream',
  create(context: GeneratorContext): EventModel {
    const dimensionPrng = context.prng('dimensions');
    const faker = context.faker('dimensions');
    const users = buildUsers(context.options.users, faker, dimensionPrng, context.startTime);
    const devices = buildDevices(context.options.users, dimensionPrng);
    const catalog = buildCatalog(context.options.products, faker, dimensionPrng);

    const prng = context.prng('sessions');
    const userPicker = new UserPicker(users.activity, prng);
    let sessionCount = 0;
    const scheduler = new SessionScheduler<ModelEvent>(() => {
      const userId = userPicker.acquire();
      if (userId === undefined) return undefined;
      const device = prng.pick(devices.byUser[userId - 1] as readonly string[]);
      return new ClickSession(`${context.runTag}-s${sessionCount++}`, userId, device, catalog, prng, () => userPicker.release(userId));
    });

    return {
      headers: { source: 'web' },
      keyField: 'user_id',
      dimensions: [users.table, devices.table, catalog.urls],
      foreignKeys: FOREIGN_KEYS,
      avroSchema: {
        type: 'record',
        name: 'Click',
        namespace: 'dev.kafkasandbox.clickstream',
        fields: [
          { name: 'timestamp', type: 'string', doc: 'event time, ISO-8601 UTC' },
          { name: 'user_id', type: 'long' },
          { name: 'url', type: 'string' },
          { name: 'device_id', type: 'string' },
          { name: 'session_id', type: 'string' },
          { name: 'referrer', type: ['null', 'string'], default: null },
          { name: 'event_type', type: 'string' },
        ],
      },
      next: (time, eventId) => scheduler.next(time, eventId),
      orphanValue(foreignKey, n, orphanPrng) {
        if (foreignKey.table === 'users') return context.options.users + 1 + n;
        if (foreignKey.table === 'devices') return `d-orphan-${orphanPrng.hex(8)}`;
        return `/p/discontinued-${n}`;
      },
    };
  },
};

/** One visit: a user on one device walking the funnel until they leave. */
class ClickSession implements Session<ModelEvent> {
  private page: Page;
  private pages = 0;
  private referrer: string | null;
  private categoryIndex: number;

  constructor(
    private readonly sessionId: string,
    private readonly userId: number,
    private readonly deviceId: string,
    private readonly catalog: Catalog,
    private readonly prng: Prng,
    private readonly onEnd: () => void,
  ) {
    this.page = entryPicker.pick(prng);
    this.referrer = referrerPicker.pick(prng);
    this.categoryIndex = prng.int(0, catalog.categories.length - 1);
  }

  step(time: number): { event: ModelEvent; nextInMs?: number } {
    const page = this.page;
    const url = this.urlFor(page);
    const value: ClickValue = {
      timestamp: new Date(time).toISOString(),
      user_id: this.userId,
      url,
      device_id: this.deviceId,
      session_id: this.sessionId,
      referrer: this.referrer,
      event_type: EVENT_TYPES[page],
    };
    const event: ModelEvent = { key: String(this.userId), eventType: value.event_type, eventTime: time, value: value as unknown as Record<string, unknown> };
    this.referrer = url;
    this.pages++;
    const next = transitionPickers[page].pick(this.prng);
    if (next === 'exit' || this.pages >= MAX_PAGES_PER_SESSION) {
      this.onEnd();
      return { event };
    }
    const [min, max] = THINK_TIME_MS[page];
    this.page = next;
    return { event, nextInMs: thinkTime(this.prng, min, max) };
  }

  private urlFor(page: Page): string {
    const { catalog, prng } = this;
    switch (page) {
      case 'home':
        return '/';
      case 'category':
        this.categoryIndex = prng.int(0, catalog.categories.length - 1);
        return catalog.categoryUrls[this.categoryIndex] as string;
      case 'product': {
        const inCategory = catalog.productUrlsByCategory[this.categoryIndex] as readonly string[];
        return prng.pick(inCategory.length > 0 && prng.chance(0.8) ? inCategory : catalog.productUrls);
      }
      case 'search':
        return prng.pick(catalog.searchUrls);
      case 'blog':
        return prng.pick(catalog.blogUrls);
      case 'cart':
        return '/cart';
      case 'checkout':
        return '/checkout';
    }
  }
}
