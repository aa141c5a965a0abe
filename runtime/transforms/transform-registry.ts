import type { SandboxRecord } from '../core/record.js';
import { ConnectorError } from '../core/errors.js';
import { castPlugins } from './cast.js';
import { Config, ConfigFieldsError, normalizeConfig, splitList, validateConfig, withPrefixStripped, type FieldError } from '../core/config-spec.js';
import { extractFieldPlugins } from './extract-field.js';
import { extractNewRecordStatePlugin } from './extract-new-record-state.js';
import { filterPlugin } from './filter.js';
import { flattenPlugins } from './flatten.js';
import { hasHeaderKeyPlugin } from './has-header-key.js';
import { hoistFieldPlugins } from './hoist-field.js';
import { insertFieldPlugins } from './insert-field.js';
import { maskFieldPlugins } from './mask-field.js';
import { recordIsTombstonePlugin } from './record-is-tombstone.js';
import { regexRouterPlugin } from './regex-router.js';
import { replaceFieldPlugins } from './replace-field.js';
import { timestampConverterPlugins } from './timestamp-converter.js';
import { timestampRouterPlugin } from './timestamp-router.js';
import { topicNameMatchesPlugin } from './topic-name-matches.js';
import { valueToKeyPlugin } from './value-to-key.js';
import type { PredicatePlugin, TransformPlugin } from './transform-plugin.js';
import type { Predicate, Transform } from './transform.js';

/** A configured chain: each record through every transform in order; null when one drops it. */
export type TransformChain = <R extends SandboxRecord>(record: R) => R | null;

/**
 * A transform that threw: which one (alias and Connect class) and Connect's exception class, for
 * the dead letter queue's `__connect.errors.*` headers (stage TRANSFORMATION). Not retriable.
 */
export class TransformError extends ConnectorError {
  readonly stage = 'TRANSFORMATION';

  constructor(
    readonly alias: string,
    readonly className: string,
    readonly exceptionClass: string,
    cause: unknown,
  ) {
    super(`Transform ${alias} (${className}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, retriable: false });
  }
}

/** The transforms and predicates a worker knows, by Connect class name and alias. */
export class TransformRegistry {
  private readonly transforms = new Map<string, TransformPlugin>();
  private readonly predicates = new Map<string, PredicatePlugin>();

  constructor(transforms: readonly TransformPlugin[], predicates: readonly PredicatePlugin[]) {
    this.add(transforms, predicates);
  }

  /** Adds plugins (custom ones from plugin files); callers check names are free first. */
  add(transforms: readonly TransformPlugin[], predicates: readonly PredicatePlugin[] = []): void {
    for (const plugin of transforms) for (const name of [plugin.className, ...plugin.aliases]) this.transforms.set(name, plugin);
    for (const plugin of predicates) for (const name of [plugin.className, ...plugin.aliases]) this.predicates.set(name, plugin);
  }

  /** Every transform plugin once, for `GET /connector-plugins?connectorsOnly=false`. */
  transformPlugins(): TransformPlugin[] {
    return [...new Set(this.transforms.values())];
  }

  predicatePlugins(): PredicatePlugin[] {
    return [...new Set(this.predicates.values())];
  }

  /** A transform by class name or alias; `X.Value` is read as `X$Value`. */
  transform(name: string): TransformPlugin | undefined {
    return this.transforms.get(name.trim()) ?? this.transforms.get(name.trim().replace(/\.(Key|Value)$/, '$$$1'));
  }

  predicate(name: string): PredicatePlugin | undefined {
    return this.predicates.get(name.trim());
  }
}

/** The registry of every built-in transform and predicate. */
export const defaultTransformRegistry = new TransformRegistry(
  [
    ...insertFieldPlugins,
    ...replaceFieldPlugins,
    ...maskFieldPlugins,
    valueToKeyPlugin,
    ...extractFieldPlugins,
    ...hoistFieldPlugins,
    ...castPlugins,
    ...timestampConverterPlugins,
    ...flattenPlugins,
    regexRouterPlugin,
    timestampRouterPlugin,
    filterPlugin,
    extractNewRecordStatePlugin,
  ],
  [topicNameMatchesPlugin, hasHeaderKeyPlugin, recordIsTombstonePlugin],
);

interface Stage {
  alias: string;
  className: string;
  transform: Transform;
  predicate?: Predicate;
  negate: boolean;
}

interface Built {
  stages: Stage[];
  errors: FieldError[];
}

function available(plugins: readonly { className: string }[]): string {
  return plugins.map((p) => p.className).sort().join(', ');
}

/** Parses and validates the `transforms` and `predicates` keys, building what is valid. */
function build(connectorConfig: Readonly<Record<string, unknown>>, registry: TransformRegistry): Built {
  const config = normalizeConfig(connectorConfig);
  const errors: FieldError[] = [];
  const predicates = new Map<string, Predicate>();
  const predicateAliases = splitList(config.predicates);
  for (const alias of predicateAliases) {
    const prefix = `predicates.${alias}.`;
    const own = withPrefixStripped(config, prefix);
    const made = instantiate('predicate', prefix, own, registry.predicate(own.type ?? ''), registry.predicatePlugins(), errors);
    if (made) predicates.set(alias, made.plugin.create(made.config));
  }
  const stages: Stage[] = [];
  const seen = new Set<string>();
  for (const alias of splitList(config.transforms)) {
    if (seen.has(alias)) {
      errors.push({ field: 'transforms', message: `Invalid value ${config.transforms} for configuration transforms: Duplicate alias provided: ${alias}` });
      continue;
    }
    seen.add(alias);
    const prefix = `transforms.${alias}.`;
    const own = withPrefixStripped(config, prefix);
    let predicate: Predicate | undefined;
    if (own.predicate !== undefined && own.predicate.trim() !== '') {
      predicate = predicates.get(own.predicate.trim());
      if (!predicate && !predicateAliases.includes(own.predicate.trim())) {
        errors.push({ field: `${prefix}predicate`, message: `Invalid value ${own.predicate} for configuration ${prefix}predicate: Predicate alias ${own.predicate} not found in 'predicates' (declared: ${predicateAliases.join(', ') || 'none'})` });
      }
    }
    if (own.negate !== undefined && !/^(true|false)$/i.test(own.negate.trim())) {
      errors.push({ field: `${prefix}negate`, message: `Invalid value ${own.negate} for configuration ${prefix}negate: Expected value to be either true or false` });
    }
    const made = instantiate('transformation', prefix, own, registry.transform(own.type ?? ''), registry.transformPlugins(), errors);
    if (!made) continue;
    stages.push({
      alias,
      className: made.plugin.className,
      transform: made.plugin.create(made.config),
      ...(predicate ? { predicate } : {}),
      negate: own.negate?.trim().toLowerCase() === 'true',
    });
  }
  return { stages, errors };
}

function instantiate<P extends TransformPlugin | PredicatePlugin>(
  kind: 'transformation' | 'predicate',
  prefix: string,
  own: Record<string, string>,
  plugin: P | undefined,
  plugins: readonly P[],
  errors: FieldError[],
): { plugin: P; config: Config } | undefined {
  const typeKey = `${prefix}type`;
  if (own.type === undefined || own.type.trim() === '') {
    errors.push({ field: typeKey, message: `Missing required configuration "${typeKey}" which has no default value.` });
    return undefined;
  }
  if (!plugin) {
    errors.push({ field: typeKey, message: `Invalid value ${own.type} for configuration ${typeKey}: Class ${own.type} could not be found. Available ${kind === 'predicate' ? 'predicates' : 'transformations'}: ${available(plugins)}` });
    return undefined;
  }
  const extraKeys = kind === 'transformation' ? ['type', 'predicate', 'negate'] : ['type'];
  const before = errors.length;
  errors.push(...validateConfig(plugin.spec, own, { prefix, extraKeys, owner: plugin.className }));
  if (errors.length > before) return undefined;
  const config = new Config(plugin.spec, own);
  const crossField = plugin.validate?.(config) ?? [];
  errors.push(...crossField.map((e) => ({ field: prefix + e.field, message: e.message.includes(prefix) ? e.message : `Invalid configuration ${prefix + e.field}: ${e.message}` })));
  if (crossField.length > 0) return undefined;
  return { plugin, config };
}

/**
 * Every problem with a connector config's `transforms` and `predicates` keys, each naming its
 * full key (for Connect's validate endpoint); [] when valid.
 */
export function validateTransforms(connectorConfig: Readonly<Record<string, unknown>>, registry: TransformRegistry = defaultTransformRegistry): FieldError[] {
  return build(connectorConfig, registry).errors;
}

/**
 * The transform chain of a connector config, Connect style: `transforms=a,b`,
 * `transforms.a.type=<class or alias>`, `transforms.a.<key>=...`, optionally
 * `transforms.a.predicate=<p>` and `transforms.a.negate=true` with `predicates=p`,
 * `predicates.p.type=...`. Config values may be strings, numbers or booleans.
 * Throws a ConfigFieldsError listing every invalid key (an unknown class lists the available
 * ones). Applying the chain throws a TransformError when a transform fails on a record.
 */
export function createTransformChain(connectorConfig: Readonly<Record<string, unknown>>, registry: TransformRegistry = defaultTransformRegistry): TransformChain {
  const { stages, errors } = build(connectorConfig, registry);
  if (errors.length > 0) throw new ConfigFieldsError('Transformation configuration', errors);
  if (stages.length === 0) return (record) => record;
  return <R extends SandboxRecord>(record: R): R | null => {
    let current: R | null = record;
    for (const stage of stages) {
      if (current === null) return null;
      try {
        if (stage.predicate && stage.predicate.test(current) === stage.negate) continue;
        current = stage.transform.apply(current);
      } catch (cause) {
        const exceptionClass = (cause as { exceptionClass?: unknown }).exceptionClass;
        throw new TransformError(stage.alias, stage.className, typeof exceptionClass === 'string' ? exceptionClass : 'org.apache.kafka.connect.errors.DataException', cause);
      }
    }
    return current;
  };
}
