import type { SinkPlugin, SourcePlugin } from '../connectors/connector.js';
import type { ConverterPlugin } from '../converters/converter-registry.js';
import type { PredicatePlugin, TransformPlugin } from '../transforms/transform-plugin.js';

/**
 * The public API for custom connectors, transforms, predicates and converters (exported from
 * `kafka-sandbox`). The shapes are the worker's own plugin interfaces; `define*` fills the
 * optional parts (aliases, version, spec, doc) and tags the kind, so a plugin file is:
 *
 *     import { defineSinkConnector } from 'kafka-sandbox';
 *     export default defineSinkConnector({ className: 'com.example.MySink', createTask: () => ({ ... }) });
 *
 * A plain object of the same shape (with `type: 'sink' | 'source'` or `kind: 'transformation' |
 * 'predicate' | 'converter'`) works too, with only `import type` from `kafka-sandbox`.
 */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** A sink connector as written by a user: `type`, `aliases`, `version` and `spec` may be left out. */
export type SinkConnectorDefinition = Optional<SinkPlugin, 'type' | 'aliases' | 'version' | 'spec'>;
/** A source connector as written by a user: `type`, `aliases`, `version` and `spec` may be left out. */
export type SourceConnectorDefinition = Optional<SourcePlugin, 'type' | 'aliases' | 'version' | 'spec'>;
/** A transform as written by a user: `kind`, `aliases`, `doc` and `spec` may be left out. */
export type TransformDefinition = Optional<TransformPlugin, 'kind' | 'aliases' | 'doc' | 'spec'>;
/** A predicate as written by a user: `kind`, `aliases`, `doc` and `spec` may be left out. */
export type PredicateDefinition = Optional<PredicatePlugin, 'kind' | 'aliases' | 'doc' | 'spec'>;
/** A converter as registered from a plugin file: a ConverterPlugin tagged `kind: 'converter'`. */
export type CustomConverterPlugin = ConverterPlugin & { readonly kind: 'converter' };
/** A converter as written by a user: `kind`, `aliases`, `doc` and `spec` may be left out. */
export type ConverterDefinition = Optional<CustomConverterPlugin, 'kind' | 'aliases' | 'doc' | 'spec'>;

/** Anything a plugin file may export. */
export type CustomPlugin = SinkPlugin | SourcePlugin | TransformPlugin | PredicatePlugin | CustomConverterPlugin;

const base = { aliases: [], spec: [] } as const;

/** A sink connector: `createTask()` returns a SinkTask (`start`, `put`, `flush`, `stop`). */
export function defineSinkConnector(definition: SinkConnectorDefinition): SinkPlugin {
  return Object.freeze({ ...base, version: '1.0.0', ...definition, type: 'sink' as const });
}

/** A source connector: `createTask()` returns a SourceTask (`start`, `poll`, `stop`). */
export function defineSourceConnector(definition: SourceConnectorDefinition): SourcePlugin {
  return Object.freeze({ ...base, version: '1.0.0', ...definition, type: 'source' as const });
}

/** A single message transform: `create(config)` returns `{ apply(record) }` (a new record, or null to drop it). */
export function defineTransform(definition: TransformDefinition): TransformPlugin {
  return Object.freeze({ ...base, doc: '', ...definition, kind: 'transformation' as const });
}

/** A predicate for conditional transforms: `create(config)` returns `{ test(record) }`. */
export function definePredicate(definition: PredicateDefinition): PredicatePlugin {
  return Object.freeze({ ...base, doc: '', ...definition, kind: 'predicate' as const });
}

/** A converter: `create(config, isKey)` returns `{ toConnectData, fromConnectData }`. */
export function defineConverter(definition: ConverterDefinition): CustomConverterPlugin {
  return Object.freeze({ ...base, doc: '', ...definition, kind: 'converter' as const });
}
