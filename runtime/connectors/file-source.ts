import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConnectorError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import { Config, type FieldSpec } from '../core/config-spec.js';
import { confinedPath, escapesDirectory } from './confined-path.js';
import type { SourcePlugin, SourceTask, TaskContext } from './connector.js';

export const fileSourceSpec: readonly FieldSpec[] = [
  { name: 'file', type: 'STRING', doc: 'File to read lines from, inside the worker\'s file directory (absolute paths are taken from that directory)', importance: 'HIGH', group: 'File', check: (v) => (v && escapesDirectory(v) ? 'the file must be inside the connector file directory' : undefined) },
  { name: 'topic', type: 'STRING', doc: 'Topic the lines go to', importance: 'HIGH', group: 'File', check: (v) => (v && !v.includes(',') ? undefined : 'exactly one topic') },
  { name: 'batch.size', type: 'INT', default: '2000', min: 1, doc: 'Lines per poll', importance: 'LOW', group: 'File' },
];

/**
 * Reads complete lines from a file as it grows, like Apache Kafka's FileStreamSource: source
 * partition `{filename}`, offset `{position}` (bytes after the last line sent). A file that does
 * not exist is waited for, as there; the task's status says where it is expected meanwhile.
 */
class FileSourceTask implements SourceTask {
  private context: TaskContext | undefined;
  private missing: boolean | undefined;
  private path = '';
  private filename = '';
  private topic = '';
  private batchSize = 2000;
  private position = 0;
  private stopped = false;

  async start(raw: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    const config = new Config(fileSourceSpec, raw);
    this.filename = config.requiredString('file');
    this.path = confinedPath(context.fileDirectory, this.filename);
    this.context = context;
    this.topic = config.requiredString('topic');
    this.batchSize = config.int('batch.size');
    const offset = context.offset({ filename: this.filename });
    this.position = typeof offset?.position === 'number' ? offset.position : 0;
    // Opened once now, so that the status shows from the start where the file is read from.
    const handle = await this.openFile();
    await handle?.close();
  }

  /** The file, or undefined while it does not exist; the status note says which. */
  private async openFile() {
    let handle;
    try {
      // O_NOFOLLOW: a symlink swapped in after the check is refused, not followed.
      handle = await open(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        throw new ConnectorError(`cannot read file ${this.filename} at ${this.path}: ${code === 'ELOOP' ? 'it is a symlink' : (error as Error).message}`, {
          cause: error,
          hint: `copy the file itself into ${this.context!.fileDirectory}; file connectors do not follow symlinks out of it`,
        });
      }
    }
    this.note(handle === undefined);
    return handle;
  }

  private note(missing: boolean): void {
    if (missing === this.missing) return;
    this.missing = missing;
    const where = `(file connectors are confined to ${this.context!.fileDirectory})`;
    this.context!.setStatusNote?.(
      missing
        ? `WARNING: input file ${this.filename} resolves to ${this.path}, which does not exist: copy the file there ${where}; the task reads it as soon as it appears`
        : `reading ${this.filename} from ${this.path} ${where}`,
    );
  }

  async poll(): Promise<SourceRecord[]> {
    const records = await this.read();
    if (records.length === 0 && !this.stopped) await new Promise((resolve) => setTimeout(resolve, 500));
    return records;
  }

  private async read(): Promise<SourceRecord[]> {
    const handle = await this.openFile();
    if (!handle) return [];
    try {
      const size = (await handle.stat()).size;
      if (size < this.position) this.position = 0; // truncated: start over, as FileStreamSource does
      if (size === this.position) return [];
      const length = Math.min(size - this.position, 4 * 1024 * 1024);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, this.position);
      const records: SourceRecord[] = [];
      let start = 0;
      for (let i = 0; i < bytesRead && records.length < this.batchSize; i++) {
        if (buffer[i] !== 0x0a) continue;
        const line = buffer.subarray(start, i).toString('utf8').replace(/\r$/, '');
        start = i + 1;
        records.push(
          Object.freeze({
            topic: this.topic,
            partition: null,
            key: null,
            value: line,
            valueSchema: { type: 'string' as const },
            timestamp: null,
            headers: [],
            sourcePartition: { filename: this.filename },
            sourceOffset: { position: this.position + start },
          }),
        );
      }
      if (records.length > 0) this.position = records.at(-1)!.sourceOffset.position as number;
      return records;
    } finally {
      await handle.close();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}

export const fileSourcePlugin: SourcePlugin = {
  type: 'source',
  className: 'io.kafkasandbox.connect.file.FileSourceConnector',
  aliases: ['org.apache.kafka.connect.file.FileStreamSourceConnector', 'FileStreamSource', 'FileStreamSourceConnector'],
  version: '1.0.0',
  spec: fileSourceSpec,
  taskConfigs: (config) => [{ ...config }],
  createTask: () => new FileSourceTask(),
};
