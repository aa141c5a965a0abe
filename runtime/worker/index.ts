export { startConnectWorker, spawnDetachedConnectWorker, type ConnectWorkerOptions, type StartedConnectWorker } from './start-connect-worker.js';
export type { ConnectWorkerEvent, ConnectorMetrics, ConnectorStatus, ConnectorInfo } from './connect-worker.js';
export { addressMapFor } from './address-map.js';
export type { TaskMetricsSnapshot } from './task-metrics.js';
export type { LifelineOptions } from './lifeline.js';
