import type { JobDefinition } from '../job-definition.js';
import type { WindowResult } from '../job-api.js';
import { hopping, tumbling } from '../windows.js';
import { clickSource } from './sources.js';

const result = (r: WindowResult<number>) => ({
  type: 'pageview_count',
  url: r.key,
  window: r.windowName,
  window_start: new Date(r.window.start).toISOString(),
  window_end: new Date(r.window.end).toISOString(),
  count: r.value,
});

/**
 * Page views per url by event time, in tumbling windows (1 min) and hopping windows (5 min every
 * 1 min); one final count per url and window once the watermark passes its end plus the grace.
 */
export const pageviewWindows: JobDefinition = {
  name: 'pageview-windows',
  description: 'page views per url in tumbling 1-minute and hopping 5-minute/1-minute windows into analytics-events',
  options: {
    source: { type: 'topic', description: 'clickstream topic', default: 'clickstream' },
    sink: { type: 'topic', description: 'where window counts go', default: 'analytics-events' },
    tumbling: { type: 'duration', description: 'tumbling window size', default: '1m' },
    'hop-size': { type: 'duration', description: 'hopping window size', default: '5m' },
    'hop-advance': { type: 'duration', description: 'hopping window advance', default: '1m' },
    grace: { type: 'duration', description: 'how late a record may be and still count', default: '10s' },
  },
  build(job, options) {
    const graceMs = Number(options.grace);
    const byUrl = job.source(String(options.source), clickSource).groupBy((click) => click.url);
    byUrl.windowedBy(tumbling(Number(options.tumbling)), { graceMs }).count('pageviews-tumbling').to(String(options.sink), { value: result });
    byUrl.windowedBy(hopping(Number(options['hop-size']), Number(options['hop-advance'])), { graceMs }).count('pageviews-hopping').to(String(options.sink), { value: result });
  },
};
