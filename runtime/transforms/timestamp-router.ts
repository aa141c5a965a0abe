import { withChanges } from '../core/record.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { checkJavaDateFormat, javaDateFormat } from './java-date-format.js';
import type { TransformPlugin } from './transform-plugin.js';
import type { Transform } from './transform.js';

const spec: FieldSpec[] = [
  {
    name: 'topic.format',
    type: 'STRING',
    default: '${topic}-${timestamp}',
    importance: 'HIGH',
    doc: 'Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.',
  },
  {
    name: 'timestamp.format',
    type: 'STRING',
    default: 'yyyyMMdd',
    importance: 'HIGH',
    check: checkJavaDateFormat,
    doc: 'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
  },
];

/**
 * Kafka's TimestampRouter: the topic becomes `topic.format` with `${topic}` and `${timestamp}`
 * (the record timestamp in `timestamp.format`, UTC) substituted. A record without a timestamp
 * is a DataException.
 */
function timestampRouter(config: Config): Transform {
  const topicFormat = config.requiredString('topic.format');
  const format = javaDateFormat(config.requiredString('timestamp.format'));
  return {
    apply(record) {
      if (record.timestamp === null) throw new DataException(`Timestamp missing on record: topic=${record.topic}, partition=${record.partition}`);
      const timestamp = format.format(new Date(record.timestamp));
      return withChanges(record, { topic: topicFormat.replaceAll('${topic}', record.topic).replaceAll('${timestamp}', timestamp) });
    },
  };
}

export const timestampRouterPlugin: TransformPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.TimestampRouter',
  aliases: ['TimestampRouter'],
  doc: "Update the record's topic field as a function of the original topic value and the record timestamp. This is mainly useful for sink connectors, since the topic field is often used to determine the equivalent entity name in the destination system (e.g. database table or search index name).",
  spec,
  create: timestampRouter,
};
