import type { SourcePlugin, SourceRecord, SourceTask, TaskContext } from 'kafka-sandbox';

/**
 * A source connector for kafka-sandbox's Connect worker: numbered events (`{ task, n, text }`)
 * to `topic`, one batch every `interval.ms`, handy to test a pipeline's ordering. Each task counts
 * on its own (source partition `{ task }`) and resumes after the last committed `n` on restart.
 *
 *     kafka-sandbox connect worker --plugin examples/connectors
 */
class SequenceTask implements SourceTask {
  private topic = '';
  private task = 0;
  private next = 0;
  private limit = Infinity;
  private batch = 10;
  private intervalMs = 1000;
  private text = '';
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  async start(config: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    this.topic = config.topic!;
    this.task = Number(config['task.index'] ?? '0');
    this.batch = Number(config['batch.size'] ?? '10');
    this.intervalMs = Number(config['interval.ms'] ?? '1000');
    this.limit = config['max.records'] ? Number(config['max.records']) : Infinity;
    this.text = config.text ?? 'event';
    const offset = context.offset({ task: this.task });
    this.next = typeof offset?.n === 'number' ? offset.n + 1 : 0;
    context.log('info', `task ${this.task} starts at n=${this.next}`);
  }

  async poll(): Promise<SourceRecord[]> {
    // Wait a little between batches (and when done) instead of spinning; `stop` ends the wait.
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, this.intervalMs);
    });
    const records: SourceRecord[] = [];
    while (records.length < this.batch && this.next < this.limit) {
      const n = this.next++;
      records.push({
        topic: this.topic,
        partition: null,
        key: `task-${this.task}`,
        value: { task: this.task, n, text: `${this.text} ${n}` },
        timestamp: Date.now(),
        headers: [],
        sourcePartition: { task: this.task },
        sourceOffset: { n },
      });
    }
    return records;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.wake?.();
  }
}

const sequenceSource: SourcePlugin = {
  type: 'source',
  className: 'com.example.SequenceSource',
  aliases: ['SequenceSource'],
  version: '1.0.0',
  spec: [
    { name: 'topic', type: 'STRING', importance: 'HIGH', doc: 'Topic the events go to' },
    { name: 'text', type: 'STRING', default: 'event', doc: 'Text of each event, followed by its number' },
    { name: 'interval.ms', type: 'LONG', default: '1000', min: 0, doc: 'Pause before each batch' },
    { name: 'batch.size', type: 'INT', default: '10', min: 1, doc: 'Events per batch' },
    { name: 'max.records', type: 'LONG', default: null, min: 0, doc: 'Events per task in all (default: no end)' },
  ],
  validate: (config) => (config.string('topic')?.includes(',') ? [{ field: 'topic', message: 'exactly one topic' }] : []),
  // Connect's split: one config per task, each with its own index.
  taskConfigs: (config, maxTasks) => Array.from({ length: maxTasks }, (_, i) => ({ ...config, 'task.index': String(i) })),
  createTask: () => new SequenceTask(),
};

export default sequenceSource;
