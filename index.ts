/**
 * kafka-sandbox's programmatic API: start a real Kafka stack from your own tests.
 *
 *     await using sandbox = await startSandbox({ without: ['elasticsearch'] });
 *     const { bootstrapServers } = sandbox.endpoints;
 */
export { startSandbox } from './stacks/start-sandbox.js';
export { StartedSandbox } from './stacks/started-sandbox.js';
export type { SandboxOptions, StackEvent, OptionalService } from './stacks/sandbox-options.js';
export type { Endpoints, SandboxState } from './stacks/sandbox-state.js';
export type { SandboxStatus } from './stacks/sandbox-status.js';
export { SandboxError, ConfigError, StackError } from './runtime/core/errors.js';
