import { nonBlank, type PredicatePlugin } from './transform-plugin.js';

/** Kafka's HasHeaderKey predicate: true when the record has at least one header named `name`. */
export const hasHeaderKeyPlugin: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
  aliases: ['HasHeaderKey'],
  doc: 'A predicate which is true for records with at least one header with the configured name.',
  spec: [{ name: 'name', type: 'STRING', importance: 'MEDIUM', check: nonBlank, doc: 'The header name.' }],
  create(config) {
    const name = config.requiredString('name');
    return { test: (record) => record.headers.some((header) => header.key === name) };
  },
};
