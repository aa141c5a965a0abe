import { withChanges } from '../core/record.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { checkJavaRegex, javaFullMatchRegex, javaReplacement } from './java-regex.js';
import type { TransformPlugin } from './transform-plugin.js';
import type { Transform } from './transform.js';

const spec: FieldSpec[] = [
  { name: 'regex', type: 'STRING', importance: 'HIGH', check: checkJavaRegex, doc: 'Regular expression to use for matching.' },
  {
    name: 'replacement',
    type: 'STRING',
    importance: 'HIGH',
    doc: 'Replacement string.',
    check: (value) => {
      try {
        javaReplacement(value ?? '');
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  },
];

/**
 * Kafka's RegexRouter: when the whole topic name matches `regex` (a Java regex), the topic becomes
 * `replacement` with `$1`-style group references; other records pass unchanged.
 */
function regexRouter(config: Config): Transform {
  const regex = javaFullMatchRegex(config.requiredString('regex'));
  const replacement = javaReplacement(config.requiredString('replacement'));
  return {
    apply(record) {
      if (!regex.test(record.topic)) return record;
      return withChanges(record, { topic: record.topic.replace(regex, replacement) });
    },
  };
}

export const regexRouterPlugin: TransformPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.RegexRouter',
  aliases: ['RegexRouter'],
  doc: 'Update the record topic using the configured regular expression and replacement string. Under the hood, the regex is compiled to a java.util.regex.Pattern. If the pattern matches the input topic, java.util.regex.Matcher#replaceFirst() is used with the replacement string to obtain the new topic.',
  spec,
  create: regexRouter,
};
