import type { PredicatePlugin } from './transform-plugin.js';

/** Kafka's RecordIsTombstone predicate: true for records whose value is null. */
export const recordIsTombstonePlugin: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
  aliases: ['RecordIsTombstone'],
  doc: 'A predicate which is true for records which are tombstones (i.e. have null value).',
  spec: [],
  create: () => ({ test: (record) => record.value === null }),
};
