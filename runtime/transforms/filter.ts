import type { TransformPlugin } from './transform-plugin.js';

/**
 * Kafka's Filter: drops every record it is applied to. Used with a predicate
 * (`transforms.<alias>.predicate`, optionally `negate`) to drop only the matching records.
 */
export const filterPlugin: TransformPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.Filter',
  aliases: ['Filter'],
  doc: 'Drops all records, filtering them from subsequent transformations in the chain. This is intended to be used conditionally to filter out records matching (or not matching) a particular Predicate.',
  spec: [],
  create: () => ({ apply: () => null }),
};
