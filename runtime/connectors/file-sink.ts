import { constants } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConnectValue, SinkRecord } from '../core/record.js';
import type { FieldSpec } from '../core/config-spec.js';
import { confinedPath, escapesDirectory } from './confined-path.js';
import type { SinkPlugin, SinkTask, TaskContext } from './connector.js';

export const fileSinkSpec: readonly FieldSpec[] = [
  { name: 'file', type: 'STRING', doc: 'File to append to, inside the worker\'s file directory (absolute paths are taken from that directory)', importance: 'HIGH', group: 'File', check: (v) => (v && escapesDirectory(v) ? 'the file must be inside the connector file directory' : undefined) },
];

/** One line per record: strings as they are, everything else as JSON. */
export function lineFor(value: ConnectValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

class FileSinkTask implements SinkTask {
  private handle: FileHandle | undefined;

  async start(config: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    const path = confinedPath(context.fileDirectory, config.file!);
    await mkdir(dirname(path), { recursive: true });
    // O_NOFOLLOW: a symlink swapped in after the check is refused, not followed.
    this.handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    context.setStatusNote?.(`writing ${config.file} to ${path} (file connectors are confined to ${context.fileDirectory})`);
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.handle!.appendFile(records.map((record) => `${lineFor(record.value)}\n`).join(''));
  }

  async flush(): Promise<void> {
    await this.handle?.datasync();
  }

  async stop(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }
}

export const fileSinkPlugin: SinkPlugin = {
  type: 'sink',
  className: 'io.kafkasandbox.connect.file.FileSinkConnector',
  aliases: ['org.apache.kafka.connect.file.FileStreamSinkConnector', 'FileStreamSink', 'FileStreamSinkConnector'],
  version: '1.0.0',
  spec: fileSinkSpec,
  taskConfigs: (config) => [{ ...config }],
  createTask: () => new FileSinkTask(),
};
