import type { CustomPlugin } from './plugin-api.js';

const normalized = new WeakMap<object, CustomPlugin>();

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What a plugin object is, from its `type` (connectors) or `kind` (the rest). */
function kindOf(value: Record<string, unknown>): { kind: 'sink' | 'source' | 'transformation' | 'predicate' | 'converter'; factory: 'createTask' | 'create' } | undefined {
  if (value.type === 'sink' || value.type === 'source') return { kind: value.type, factory: 'createTask' };
  if (value.kind === 'transformation' || value.kind === 'predicate' || value.kind === 'converter') return { kind: value.kind, factory: 'create' };
  return undefined;
}

/**
 * Checks one exported value and fills its optional parts (aliases, spec, version, doc). Returns
 * the plugin, or the problem in words for the user. The same object gives the same plugin every
 * time, so loading a file twice in one process does not make duplicates.
 */
export function toPlugin(value: unknown): CustomPlugin | string {
  if (typeof value === 'function') {
    return 'is a function or class; export a plugin object instead (defineSinkConnector({...}), defineTransform({...}), ...)';
  }
  if (!isObject(value)) return `is ${value === null ? 'null' : typeof value}, not a plugin object`;
  const known = normalized.get(value);
  if (known) return known;
  const kind = kindOf(value);
  if (!kind) {
    return 'has no `type` ("sink" or "source") nor `kind` ("transformation", "predicate" or "converter"); wrap it in defineSinkConnector, defineSourceConnector, defineTransform, definePredicate or defineConverter';
  }
  const what = `a ${kind.kind}${kind.kind === 'sink' || kind.kind === 'source' ? ' connector' : ''}`;
  if (typeof value.className !== 'string' || !/^[\w.$-]+$/.test(value.className)) {
    return `is ${what} without a valid \`className\` (a class name such as "com.example.MyConnector")`;
  }
  const name = value.className;
  if (typeof value[kind.factory] !== 'function') return `${name} is ${what} without a \`${kind.factory}()\` function`;
  if (value.aliases !== undefined && !(Array.isArray(value.aliases) && value.aliases.every((a) => typeof a === 'string' && a.trim() !== ''))) {
    return `${name}: \`aliases\` must be an array of class names`;
  }
  if (value.spec !== undefined && !(Array.isArray(value.spec) && value.spec.every((f) => isObject(f) && typeof f.name === 'string' && typeof f.type === 'string'))) {
    return `${name}: \`spec\` must be an array of fields ({ name, type, doc, default? })`;
  }
  for (const method of ['validate', 'taskConfigs'] as const) {
    if (value[method] !== undefined && typeof value[method] !== 'function') return `${name}: \`${method}\` must be a function`;
  }
  const defaults = kind.factory === 'createTask' ? { version: '1.0.0' } : { doc: '' };
  const plugin = Object.freeze({ aliases: [], spec: [], ...defaults, ...value }) as unknown as CustomPlugin;
  normalized.set(value, plugin);
  return plugin;
}

/** The candidates of a module: its default export (one plugin or an array) and a named `plugins` array. */
export function exportedValues(module: Record<string, unknown>): { where: string; value: unknown }[] {
  const out: { where: string; value: unknown }[] = [];
  const add = (where: string, value: unknown) => {
    if (Array.isArray(value)) value.forEach((item, i) => out.push({ where: `${where}[${i}]`, value: item }));
    else out.push({ where, value });
  };
  if (module.default !== undefined) add('default export', module.default);
  if (module.plugins !== undefined) {
    if (Array.isArray(module.plugins)) add('plugins', module.plugins);
    else out.push({ where: 'export `plugins`', value: module.plugins });
  }
  return out;
}
