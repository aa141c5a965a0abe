import type { JobDefinition } from '../job-definition.js';
import { clickSource } from './sources.js';

/**
 * clickstream ⋈ users, devices, urls → enriched-clickstream. Left join by default (a missing row
 * gives nulls and counts `join_misses.<table>`), `--join inner` drops such clicks. The tables come
 * from Postgres (the generator's `--pg-schema`) and are reloaded every `--table-refresh`.
 */
export const enrichClickstream: JobDefinition = {
  name: 'enrich-clickstream',
  description: 'clickstream joined with the users, devices and urls tables (Postgres) into enriched-clickstream',
  options: {
    source: { type: 'topic', description: 'clickstream topic', default: 'clickstream' },
    sink: { type: 'topic', description: 'enriched output topic', default: 'enriched-clickstream' },
    join: { type: 'choice', choices: ['left', 'inner'], description: 'left: misses give nulls; inner: misses are dropped', default: 'left' },
    'pg-schema': { type: 'identifier', description: 'Postgres schema of the users, devices and urls tables', default: 'public' },
  },
  build(job, options) {
    const inner = options.join === 'inner';
    const users = job.table<{ user_name: string }>({ table: 'users', keyColumn: 'user_id' });
    const devices = job.table<{ device_type: string }>({ table: 'devices', keyColumn: 'device_id' });
    const urls = job.table<{ url_category: string }>({ table: 'urls', keyColumn: 'url' });
    job
      .source(String(options.source), clickSource)
      .join(users, (c) => c.user_id, (c, user) => ({ ...c, user_name: user?.user_name ?? null }), { inner })
      .join(devices, (c) => c.device_id, (c, device) => ({ ...c, device_type: device?.device_type ?? null }), { inner })
      .join(urls, (c) => c.url, (c, url) => ({ ...c, url_category: url?.url_category ?? null }), { inner })
      .to(String(options.sink), {
        value: (c) => ({
          timestamp: c.timestamp,
          user_id: c.user_id,
          device_id: c.device_id,
          url: c.url,
          user_name: c.user_name,
          device_type: c.device_type,
          url_category: c.url_category,
          session_id: c.session_id,
          event_type: c.event_type,
          referrer: c.referrer,
        }),
      });
  },
};
