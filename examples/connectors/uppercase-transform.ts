import type { SandboxRecord, TransformPlugin } from 'kafka-sandbox';

/**
 * A single message transform: upper-cases one string field of the value (`field`), or the whole
 * value when it is a string and no field is set. Other records pass unchanged; never mutates.
 *
 *     "transforms": "upper",
 *     "transforms.upper.type": "com.example.Uppercase",
 *     "transforms.upper.field": "text"
 */
const uppercase: TransformPlugin = {
  kind: 'transformation',
  className: 'com.example.Uppercase',
  aliases: ['Uppercase'],
  doc: 'Upper-cases a string field of the value, or a string value.',
  spec: [{ name: 'field', type: 'STRING', default: null, doc: 'Value field to upper-case (default: the whole value)' }],
  create(config) {
    const field = config.string('field');
    return {
      apply<R extends SandboxRecord>(record: R): R | null {
        const value = record.value;
        if (field === null) return typeof value === 'string' ? { ...record, value: value.toUpperCase() } : record;
        if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) return record;
        const current = value[field];
        return typeof current === 'string' ? { ...record, value: { ...value, [field]: current.toUpperCase() } } : record;
      },
    };
  },
};

export default uppercase;
