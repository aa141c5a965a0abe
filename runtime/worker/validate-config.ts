import { Config, fieldValue, validateField, type FieldSpec } from '../core/config-spec.js';
import { HIDDEN } from '../core/secret-mask.js';
import type { ConnectorPlugin } from '../connectors/connector.js';
import { commonSpec, sinkSpec, sourceSpec } from '../connectors/common-spec.js';
import { validateTransforms } from '../transforms/transform-registry.js';
import { validateConverters } from '../converters/converter-registry.js';

/** The body of `PUT /connector-plugins/{class}/config/validate`, as Connect's ConfigInfos. */
export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: {
    definition: {
      name: string;
      type: string;
      required: boolean;
      default_value: string | null;
      importance: string;
      documentation: string;
      group: string | null;
      width: 'NONE';
      display_name: string;
      dependents: string[];
      order: number;
    };
    value: { name: string; value: string | null; recommended_values: string[]; errors: string[]; visible: boolean };
  }[];
}

/** Every field of a plugin's configs: the common ones, sink or source ones, then its own. */
export function fullSpec(plugin: ConnectorPlugin): FieldSpec[] {
  return [...commonSpec, ...(plugin.type === 'sink' ? sinkSpec : sourceSpec), ...plugin.spec];
}

export function validateConnectorConfig(plugin: ConnectorPlugin, config: Readonly<Record<string, string>>): ConfigInfos {
  const spec = fullSpec(plugin);
  const errors = new Map<string, string[]>(spec.map((field) => [field.name, validateField(field, config)]));
  const fieldsValid = [...errors.values()].every((list) => list.length === 0);
  if (fieldsValid && plugin.validate) {
    for (const problem of plugin.validate(new Config(spec, config))) errors.get(problem.field)?.push(problem.message);
  }
  // transforms.<alias>.* and predicates.<alias>.* keys: checked by the transform registry.
  const extra: FieldSpec[] = [];
  for (const problem of [...validateTransforms(config), ...validateConverters(config)]) {
    const known = errors.get(problem.field);
    if (known) known.push(problem.message);
    else {
      errors.set(problem.field, [problem.message]);
      extra.push({ name: problem.field, type: 'STRING', default: null, doc: 'Transformation or predicate setting', importance: 'LOW', group: problem.field.startsWith('predicates') ? 'Predicates' : 'Transforms' });
    }
  }
  spec.push(...extra.filter((field, i) => extra.findIndex((f) => f.name === field.name) === i));
  const groups = [...new Set(spec.map((field) => field.group ?? 'Common'))];
  const order = new Map<string, number>();
  return {
    name: plugin.className,
    error_count: [...errors.values()].reduce((sum, list) => sum + list.length, 0),
    groups,
    configs: spec.map((field) => {
      const groupName = field.group ?? 'Common';
      order.set(groupName, (order.get(groupName) ?? 0) + 1);
      const value = fieldValue(field, config);
      return {
        definition: {
          name: field.name,
          type: field.type,
          required: field.default === undefined,
          default_value: field.default === undefined ? null : field.default,
          importance: field.importance ?? 'MEDIUM',
          documentation: field.doc,
          group: groupName,
          width: 'NONE' as const,
          display_name: field.name,
          dependents: [],
          order: order.get(groupName)!,
        },
        value: {
          name: field.name,
          value: value === undefined ? null : field.type === 'PASSWORD' && value !== null ? HIDDEN : value,
          recommended_values: field.oneOf ? [...field.oneOf] : [],
          errors: errors.get(field.name) ?? [],
          visible: true,
        },
      };
    }),
  };
}

/** Connect's 400 message for an invalid config. */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const messages = infos.configs.flatMap((config) => config.value.errors);
  return [
    `Connector configuration is invalid and contains the following ${messages.length} error(s):`,
    ...messages,
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  ].join('\n');
}
