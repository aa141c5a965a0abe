import { splitList, type FieldSpec } from '../core/config-spec.js';

const converterClass = (v: string | null) => (v === null || /^[\w.$]+$/.test(v) ? undefined : 'not a class name');

/** Keys every connector has (Connect's ConnectorConfig): name, class, tasks, converters, transforms, errors. */
export const commonSpec: readonly FieldSpec[] = [
  { name: 'name', type: 'STRING', doc: 'Globally unique name of the connector', importance: 'HIGH', group: 'Common', check: (v) => (v && v.trim() && !/[/\\]/.test(v) && v.length <= 249 ? undefined : 'must be non-empty, without / or \\') },
  { name: 'connector.class', type: 'STRING', doc: 'Class name or alias of the connector', importance: 'HIGH', group: 'Common' },
  { name: 'tasks.max', type: 'INT', default: '1', min: 1, doc: 'Maximum number of tasks', importance: 'HIGH', group: 'Common' },
  { name: 'key.converter', type: 'CLASS', default: null, doc: 'Converter of record keys (default: the worker\'s)', importance: 'LOW', group: 'Common', check: converterClass },
  { name: 'value.converter', type: 'CLASS', default: null, doc: 'Converter of record values (default: the worker\'s)', importance: 'LOW', group: 'Common', check: converterClass },
  { name: 'header.converter', type: 'CLASS', default: null, doc: 'Converter of headers', importance: 'LOW', group: 'Common', check: converterClass },
  { name: 'transforms', type: 'LIST', default: '', doc: 'Aliases of the transformations, in order', importance: 'LOW', group: 'Transforms' },
  { name: 'predicates', type: 'LIST', default: '', doc: 'Aliases of the predicates used by transformations', importance: 'LOW', group: 'Predicates' },
  { name: 'errors.retry.timeout', type: 'LONG', default: '0', min: -1, doc: 'How long a failed operation is retried (ms, -1 forever)', importance: 'MEDIUM', group: 'Error Handling' },
  { name: 'errors.retry.delay.max.ms', type: 'LONG', default: '60000', min: 1, doc: 'Maximum delay between retries', importance: 'MEDIUM', group: 'Error Handling' },
  { name: 'errors.tolerance', type: 'STRING', default: 'none', oneOf: ['none', 'all'], doc: 'none: an error fails the task; all: problematic records are skipped', importance: 'MEDIUM', group: 'Error Handling' },
  { name: 'errors.log.enable', type: 'BOOLEAN', default: 'false', doc: 'Log every error', importance: 'MEDIUM', group: 'Error Handling' },
  { name: 'errors.log.include.messages', type: 'BOOLEAN', default: 'false', doc: 'Include the record in error logs', importance: 'MEDIUM', group: 'Error Handling' },
];

export const sinkSpec: readonly FieldSpec[] = [
  {
    name: 'topics', type: 'LIST', default: '', doc: 'Topics to consume', importance: 'HIGH', group: 'Common',
    check: (v, config) => {
      const regex = config['topics.regex'] ?? '';
      if (splitList(v).length > 0 && regex.trim()) return 'topics and topics.regex are mutually exclusive';
      if (splitList(v).length === 0 && !regex.trim()) return 'Must configure one of topics or topics.regex';
      const dlq = config['errors.deadletterqueue.topic.name'];
      if (dlq && splitList(v).includes(dlq.trim())) return `The DLQ topic '${dlq}' may not be included in the list of topics`;
      return undefined;
    },
  },
  {
    name: 'topics.regex', type: 'STRING', default: '', doc: 'Regular expression of topics to consume', importance: 'HIGH', group: 'Common',
    check: (v) => {
      if (!v) return undefined;
      try {
        new RegExp(v);
        return undefined;
      } catch (error) {
        return `not a valid regular expression: ${(error as Error).message}`;
      }
    },
  },
  { name: 'errors.deadletterqueue.topic.name', type: 'STRING', default: '', doc: 'Topic for records that failed (errors.tolerance=all)', importance: 'MEDIUM', group: 'Error Handling' },
  { name: 'errors.deadletterqueue.topic.replication.factor', type: 'INT', default: '3', min: -1, doc: 'Replication factor when the DLQ topic is created (capped at the broker count)', importance: 'LOW', group: 'Error Handling' },
  { name: 'errors.deadletterqueue.context.headers.enable', type: 'BOOLEAN', default: 'false', doc: 'Add __connect.errors.* headers to DLQ records', importance: 'MEDIUM', group: 'Error Handling' },
];

export const sourceSpec: readonly FieldSpec[] = [
  { name: 'topic.creation.default.partitions', type: 'INT', default: '1', min: -1, doc: 'Partitions of topics the connector creates', importance: 'LOW', group: 'Topic Creation' },
  { name: 'topic.creation.default.replication.factor', type: 'INT', default: '-1', min: -1, doc: 'Replication factor of topics the connector creates (-1: broker default)', importance: 'LOW', group: 'Topic Creation' },
];
