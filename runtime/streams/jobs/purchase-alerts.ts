import type { JobDefinition } from '../job-definition.js';
import { userEventSource } from './sources.js';

interface Totals {
  total: number;
  count: number;
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * Running purchase totals per user from user-events: every purchase gives a `purchase_total`
 * record in analytics-events, and the purchase that first takes a user's total over `--threshold`
 * gives one `high_value_customer` alert.
 */
export const purchaseAlerts: JobDefinition = {
  name: 'purchase-alerts',
  description: 'running purchase totals per user into analytics-events; a high_value_customer alert when a total first exceeds the threshold',
  options: {
    source: { type: 'topic', description: 'user-events topic', default: 'user-events' },
    analytics: { type: 'topic', description: 'where purchase totals go', default: 'analytics-events' },
    alerts: { type: 'topic', description: 'where alerts go', default: 'alerts' },
    threshold: { type: 'number', description: 'total purchase amount that makes a high-value customer', default: '1000' },
  },
  build(job, options) {
    const threshold = Number(options.threshold);
    const totals = job
      .source(String(options.source), userEventSource)
      .filter((event) => event.event_type === 'purchase')
      .groupBy((event) => String(event.user_id))
      .aggregate<Totals>('purchase-totals', () => ({ total: 0, count: 0 }), (acc, event) => ({ total: cents(acc.total + Number(event.data.amount)), count: acc.count + 1 }));
    totals.to(String(options.analytics), {
      value: (c) => ({
        type: 'purchase_total',
        event_id: c.value.event_id,
        user_id: c.value.user_id,
        amount: c.value.data.amount,
        total: c.current.total,
        purchase_count: c.current.count,
        timestamp: c.value.timestamp,
      }),
    });
    totals
      .filter((c) => (c.previous?.total ?? 0) <= threshold && c.current.total > threshold)
      .to(String(options.alerts), {
        value: (c) => ({ type: 'high_value_customer', user_id: c.value.user_id, total: c.current.total, threshold, event_id: c.value.event_id, timestamp: c.value.timestamp }),
      });
  },
};
