import type { EventModel, ForeignKey, GeneratorContext, GeneratorSpec, ModelEvent } from '../core/event-model.js';
import type { Prng } from '../core/prng.js';
import { SessionScheduler, type Session } from '../core/session-scheduler.js';
import { thinkTime } from '../core/think-time.js';
import { buildCatalog, type Catalog } from '../dimensions/catalog.js';
import { buildUsers } from '../dimensions/users.js';

export type OrderStatus = 'created' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

/**
 * The lifecycle every order follows; a run may end an order anywhere along it, never off it:
 * created -> paid -> shipped -> delivered, with cancelled possible after created or paid.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, ReadonlyArray<readonly [OrderStatus, number, readonly [number, number]]>>> = {
  // [next status, weight, [min, max] delay ms]; delays are compressed so short runs see whole lifecycles.
  created: [
    ['paid', 85, [2_000, 30_000]],
    ['cancelled', 15, [5_000, 60_000]],
  ],
  paid: [
    ['shipped', 93, [10_000, 90_000]],
    ['cancelled', 7, [5_000, 60_000]],
  ],
  shipped: [['delivered', 100, [20_000, 180_000]]],
  delivered: [],
  cancelled: [],
};

export interface OrderItem {
  product_id: string;
  quantity: number;
  unit_price: number;
}

const FOREIGN_KEYS: readonly ForeignKey[] = [
  { path: 'user_id', table: 'users', column: 'user_id' },
  { path: 'order_data.items[].product_id', table: 'products', column: 'product_id' },
];

/**
 * order-events: orders moving through their lifecycle, keyed by order_id. Every event of an order
 * carries the same user and the same `order_data` (items, total, currency).
 *
 *     {"event_id", "timestamp", "order_id", "user_id", "event_type", "order_data": {"items": [...], "total_amount", "currency"}}
 */
export const orderEventsGenerator: GeneratorSpec = {
  name: 'order-events',
  description: 'orders through created, paid, shipped, delivered or cancelled; users and products in Postgres',
  defaultTopic: 'order-events',
  create(context: GeneratorContext): EventModel {
    const dimensionPrng = context.prng('dimensions');
    const faker = context.faker('dimensions');
    const users = buildUsers(context.options.users, faker, dimensionPrng, context.startTime);
    const catalog = buildCatalog(context.options.products, faker, dimensionPrng);
    const prng = context.prng('orders');
    let orders = 0;
    const scheduler = new SessionScheduler<ModelEvent>(
      () => new OrderSession(`o-${context.runTag}-${orders++}`, users.activity.pick(prng), catalog, prng),
    );
    return {
      headers: { source: 'orders' },
      keyField: 'order_id',
      dimensions: [users.table, catalog.products],
      foreignKeys: FOREIGN_KEYS,
      avroSchema: {
        type: 'record',
        name: 'OrderEvent',
        namespace: 'dev.kafkasandbox.orders',
        fields: [
          { name: 'event_id', type: 'string' },
          { name: 'timestamp', type: 'string', doc: 'event time, ISO-8601 UTC' },
          { name: 'order_id', type: 'string' },
          { name: 'user_id', type: 'long' },
          { name: 'event_type', type: { type: 'enum', name: 'OrderStatus', symbols: ['created', 'paid', 'shipped', 'delivered', 'cancelled'] } },
          {
            name: 'order_data',
            type: {
              type: 'record',
              name: 'OrderData',
              fields: [
                {
                  name: 'items',
                  type: {
                    type: 'array',
                    items: {
                      type: 'record',
                      name: 'OrderItem',
                      fields: [
                        { name: 'product_id', type: 'string' },
                        { name: 'quantity', type: 'int' },
                        { name: 'unit_price', type: 'double' },
                      ],
                    },
                  },
                },
                { name: 'total_amount', type: 'double' },
                { name: 'currency', type: 'string' },
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

class OrderSession implements Session<ModelEvent> {
  private status: OrderStatus = 'created';
  private readonly orderData: { items: OrderItem[]; total_amount: number; currency: string };

  constructor(
    private readonly orderId: string,
    private readonly userId: number,
    catalog: Catalog,
    private readonly prng: Prng,
  ) {
    const count = Math.min(prng.int(1, 4), catalog.products.rows.length);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(prng.int(0, catalog.products.rows.length - 1));
    const items = [...chosen].map((i) => {
      const product = catalog.products.rows[i]!;
      return { product_id: product.product_id, quantity: prng.int(1, 3), unit_price: product.price };
    });
    const cents = items.reduce((sum, item) => sum + Math.round(item.unit_price * 100) * item.quantity, 0);
    this.orderData = { items, total_amount: cents / 100, currency: 'USD' };
  }

  step(time: number, eventId: string): { event: ModelEvent; nextInMs?: number } {
    const status = this.status;
    const value = {
      event_id: eventId,
      timestamp: new Date(time).toISOString(),
      order_id: this.orderId,
      user_id: this.userId,
      event_type: status,
      order_data: this.orderData,
    };
    const event: ModelEvent = { key: this.orderId, eventType: status, eventTime: time, value };
    const options = ORDER_TRANSITIONS[status];
    if (options.length === 0) return { event };
    let target = this.prng.float() * options.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [next, weight, [min, max]] of options) {
      target -= weight;
      if (target < 0 || next === options[options.length - 1]![0]) {
        this.status = next;
        return { event, nextInMs: thinkTime(this.prng, min, max) };
      }
    }
    return { event };
  }
}
