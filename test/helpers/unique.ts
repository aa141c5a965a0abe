import { randomUUID } from 'node:crypto';

/** A topic, group or index name no other test uses. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
