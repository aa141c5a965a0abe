/**
 * kafka-sandbox's programmatic API: start a real Kafka stack from your own tests.
 *
 *     await using sandbox = await startSandbox({ without: ['elasticsearch'] });
 *     const { bootstrapServers } = sandbox.endpoints;
 *     await sandbox.topics.create({ name: 'orders', partitions: 3 });
 *
 * or attach to one already running: `await attachSandbox('default')`.
 */
export { startSandbox, attachSandbox, Sandbox, StartedSandboxHandle, SandboxEventStream, ConnectClient } from './app/index.js';
export type { StartOptions, EndpointsTarget, SandboxEvent, SandboxEventKind, SandboxEventOf, StopReport, ConnectorStatus, DeployResult } from './app/index.js';
export { StartedSandbox } from './stacks/started-sandbox.js';
export type { SandboxOptions, StackEvent, OptionalService } from './stacks/sandbox-options.js';
export type { Endpoints, SandboxState } from './stacks/sandbox-state.js';
export type { SandboxStatus } from './stacks/sandbox-status.js';
export { SandboxError, ConfigError, StackError } from './runtime/core/errors.js';

/**
 * Custom connectors, transforms, predicates and converters for the bundled Connect worker
 * (`connect worker --plugin FILE_OR_DIR`, `up --connect-plugins DIR`); see "Custom connectors" in
 * the README. A plugin module's default export (or `export const plugins = [...]`) is one of these.
 */
export { defineSinkConnector, defineSourceConnector, defineTransform, definePredicate, defineConverter } from './runtime/plugins/plugin-api.js';
export type {
  SinkConnectorDefinition,
  SourceConnectorDefinition,
  TransformDefinition,
  PredicateDefinition,
  ConverterDefinition,
  CustomConverterPlugin,
  CustomPlugin,
} from './runtime/plugins/plugin-api.js';
export type { ConnectorPlugin, SinkPlugin, SourcePlugin, SinkTask, SourceTask, TaskContext } from './runtime/connectors/connector.js';
export type { TransformPlugin, PredicatePlugin } from './runtime/transforms/transform-plugin.js';
export type { Transform, Predicate } from './runtime/transforms/transform.js';
export type { Converter } from './runtime/converters/converter.js';
export type { ConverterPlugin } from './runtime/converters/converter-registry.js';
export type { ConnectValue, ConnectSchema, RecordHeader, SandboxRecord, SinkRecord, SourceRecord } from './runtime/core/record.js';
export type { FieldSpec, FieldType, FieldError } from './runtime/core/config-spec.js';
export { Config } from './runtime/core/config-spec.js';
export { withChanges } from './runtime/core/record.js';
export { ConnectorError } from './runtime/core/errors.js';
export { DataException } from './runtime/converters/data-exception.js';
