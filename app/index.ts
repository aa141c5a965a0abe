/** The application layer: the one place the CLI, scenarios, the dashboard and library users talk to. */
export { startSandbox, StartedSandboxHandle, type StartOptions } from './start-sandbox.js';
export { attachSandbox, attachFromFlags, type EndpointsTarget } from './attach-sandbox.js';
export { Sandbox } from './sandbox.js';
export { SandboxEventStream, type SandboxEvent, type SandboxEventKind, type SandboxEventOf } from './sandbox-events.js';
export { stopSandboxByName, type StopReport } from './stop-sandbox.js';
export { ConnectClient, type ConnectorStatus, type DeployResult, type RestartOptions } from './connect/connect-client.js';
