import type { SourceSpec } from '../job-api.js';
import { isoTime, requireShape } from '../json-shape.js';

/** A clickstream event as the clickstream generator writes it. */
export interface Click {
  timestamp: string;
  user_id: number;
  url: string;
  device_id: string;
  session_id: string;
  referrer: string | null;
  event_type: string;
}

export const clickSource: SourceSpec<Click> = {
  parse: (value) =>
    requireShape<Click>(value, { timestamp: 'string', user_id: 'number', url: 'string', device_id: 'string', session_id: 'string', referrer: 'string?', event_type: 'string' }),
  eventTime: (click) => isoTime(click.timestamp),
};

/** A user-events event; `data` depends on `event_type` (purchase: product_id, amount). */
export interface UserEvent {
  event_id: string;
  timestamp: string;
  user_id: number;
  event_type: string;
  data: Record<string, unknown>;
}

export const userEventSource: SourceSpec<UserEvent> = {
  parse: (value) => {
    const event = requireShape<UserEvent>(value, { event_id: 'string', timestamp: 'string', user_id: 'number', event_type: 'string', data: 'object' });
    if (event.event_type === 'purchase') requireShape(event.data, { product_id: 'string', amount: 'number' });
    return event;
  },
  eventTime: (event) => isoTime(event.timestamp),
};
