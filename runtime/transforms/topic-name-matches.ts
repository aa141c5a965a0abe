import { checkJavaRegex, javaFullMatchRegex } from './java-regex.js';
import { nonBlank, type PredicatePlugin } from './transform-plugin.js';

/** Kafka's TopicNameMatches predicate: true when the whole topic name matches `pattern` (a Java regex). */
export const topicNameMatchesPlugin: PredicatePlugin = {
  kind: 'predicate',
  className: 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
  aliases: ['TopicNameMatches'],
  doc: 'A predicate which is true for records with a topic name that matches the configured regular expression.',
  spec: [
    {
      name: 'pattern',
      type: 'STRING',
      importance: 'MEDIUM',
      doc: "A Java regular expression for matching against the name of a record's topic.",
      check: (value) => nonBlank(value) ?? checkJavaRegex(value),
    },
  ],
  create(config) {
    const regex = javaFullMatchRegex(config.requiredString('pattern'));
    return { test: (record) => regex.test(record.topic) };
  },
};
