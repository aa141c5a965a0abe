import { describe, expect, it } from 'vitest';
import type { ConnectValue } from '../../runtime/core/record.js';
import type { TaskContext } from '../../runtime/connectors/connector.js';
import { datagenSourcePlugin } from './datagen-source.js';

const context = (stored?: Record<string, ConnectValue>): TaskContext => ({
  connectorName: 'dg',
  taskId: 0,
  fileDirectory: '/tmp',
  mapAddress: (a) => a,
  offset: () => stored,
  log: () => undefined,
});

describe('datagen source', () => {
  it('produces the generator\'s records and resumes after the stored sequence with the same seed', async () => {
    const config = { 'connector.class': 'DatagenConnector', quickstart: 'orders', 'kafka.topic': 'orders', 'max.interval': '1', iterations: '5', 'random.seed': 's1' };
    const task = datagenSourcePlugin.createTask();
    await task.start(config, context());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const first = await task.poll();
    expect(first.map((r) => r.sourceOffset.sequence)).toEqual([0, 1, 2, 3, 4]);
    expect(first[0]!.topic).toBe('orders');
    expect(typeof first[0]!.key).toBe('string');
    const { start } = first[0]!.sourceOffset;

    const resumed = datagenSourcePlugin.createTask();
    await resumed.start(config, context({ seed: 's1', start: start!, sequence: 2 }));
    const rest = await resumed.poll();
    expect(rest.map((r) => r.sourceOffset.sequence)).toEqual([3, 4]);
    expect(rest.map((r) => r.value)).toEqual(first.slice(3).map((r) => r.value));
  });
});
