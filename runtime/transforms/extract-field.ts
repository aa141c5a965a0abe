import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { fieldSchemaOf, fieldValue, findField, isPlainObject, isStructSchema, type FieldSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { keyValuePlugins, operand, replaceNullWithDefaultSpec, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'field extraction';

/**
 * KIP-821 field paths: V1 is the name as is; V2 splits on dots, with backticks around a step
 * that contains dots (`` `a.b`.c ``) and a backslash escaping a backtick.
 */
export function fieldPath(path: string, version: 'V1' | 'V2'): string[] {
  if (version === 'V1') return [path];
  const steps: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] !== '`') {
      const dot = path.indexOf('.', i);
      steps.push(path.slice(i, dot === -1 ? path.length : dot));
      i = dot === -1 ? path.length : dot + 1;
      continue;
    }
    const open = i;
    let step = '';
    let start = i + 1;
    let j = start;
    for (;;) {
      j = path.indexOf('`', j);
      if (j === -1) throw new Error(`Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${open} to escape it`);
      const escaped = path[j - 1] === '\\';
      if (j >= path.length - 1) {
        if (escaped) throw new Error(`Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${open} to escape it`);
        step += path.slice(start, j);
        i = j + 1;
        break;
      }
      if (path[j + 1] !== '.') {
        j++;
        continue;
      }
      if (escaped) {
        step += `${path.slice(start, j - 1)}\``;
        j++;
        start = j;
        continue;
      }
      step += path.slice(start, j);
      i = j + 2;
      break;
    }
    steps.push(step);
  }
  if (path.endsWith('.')) steps.push('');
  return steps;
}

const spec: FieldSpec[] = [
  { name: 'field', type: 'STRING', importance: 'MEDIUM', doc: 'Field name to extract.' },
  {
    name: 'field.syntax.version',
    type: 'STRING',
    default: 'V1',
    oneOf: ['V1', 'V2'],
    importance: 'HIGH',
    doc: 'Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots.',
    check: (value, config) => {
      if (value?.toUpperCase() !== 'V2' || config.field === undefined) return undefined;
      try {
        fieldPath(config.field, 'V2');
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  },
  replaceNullWithDefaultSpec,
];

/**
 * Kafka's ExtractField: the key or value becomes one field of its struct or map (a nested one
 * with `field.syntax.version=V2`); the schema becomes that field's schema. Null values pass
 * through as null; an unknown field with a schema is an error, without one it yields null.
 */
function extractField(config: Config, target: Target): Transform {
  const original = config.requiredString('field');
  const steps = fieldPath(original, config.requiredString('field.syntax.version').toUpperCase() === 'V2' ? 'V2' : 'V1');
  const replaceNull = config.bool('replace.null.with.default');

  const fieldFrom = (schema: ConnectSchema): FieldSchema | undefined => {
    let current: ConnectSchema = schema;
    for (const step of steps.slice(0, -1)) {
      const field = findField(current, step);
      if (!field) return undefined;
      current = field;
    }
    return findField(current, steps[steps.length - 1]!);
  };

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (!schema) {
        if (value === null) return withOperand(record, target, null, undefined);
        let current: ConnectValue = requireMap(value, PURPOSE);
        for (const step of steps.slice(0, -1)) {
          const next: ConnectValue = (current as Record<string, ConnectValue>)[step] ?? null;
          if (next === null) return withOperand(record, target, null, undefined);
          current = requireMap(next, 'nested field access');
        }
        return withOperand(record, target, (current as Record<string, ConnectValue>)[steps[steps.length - 1]!] ?? null, undefined);
      }
      const field = isStructSchema(schema) ? fieldFrom(schema) : undefined;
      if (!field) {
        if (!isStructSchema(schema)) requireStruct(value, schema, PURPOSE);
        throw new DataException(`Unknown field: ${original}`);
      }
      if (value === null) return withOperand(record, target, null, fieldSchemaOf(field));
      let current: Record<string, ConnectValue> = requireStruct(value, schema, PURPOSE).struct;
      let currentSchema: ConnectSchema = schema;
      for (const step of steps.slice(0, -1)) {
        const stepField = findField(currentSchema, step)!;
        const next = current[step] ?? null;
        if (next === null || !isPlainObject(next)) return withOperand(record, target, null, fieldSchemaOf(field));
        current = next;
        currentSchema = stepField;
      }
      return withOperand(record, target, fieldValue(current, field, replaceNull), fieldSchemaOf(field));
    },
  };
}

export const extractFieldPlugins = keyValuePlugins('ExtractField', {
  doc: 'Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data. Any null values are passed through unmodified.',
  spec,
  create: extractField,
});
