import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { splitByPartition } from './split-by-partition.js';

const partitions = (count: number, offline: number[] = []): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: offline.includes(partitionId) ? -1 : (partitionId % 3) + 1, replicas: [1, 2, 3], isr: [1, 2, 3] }));

describe('splitByPartition', () => {
  it('gives one part per topic-partition, keyed messages where the default partitioner puts them, in order', () => {
    const layout = new Map([
      ['out', partitions(6)],
      ['changelog', partitions(1)],
    ]);
    const messages = Array.from({ length: 50 }, (_, i) => ({ key: `user-${i % 17}`, value: String(i) }));
    const parts = splitByPartition([{ topic: 'out', messages }, { topic: 'changelog', messages: [{ key: 'a', value: '1' }, { key: 'b', value: null }] }], layout);

    const reference = Partitioners.DefaultPartitioner();
    for (const part of parts) {
      const own = new Set(part.messages.map((m) => m.partition));
      expect(own.size).toBe(1);
      for (const m of part.messages) expect(m.partition).toBe(reference({ topic: part.topic, partitionMetadata: layout.get(part.topic)!, message: { key: m.key!, value: m.value! } }));
    }
    const out = parts.filter((p) => p.topic === 'out');
    expect(out.flatMap((p) => p.messages).map((m) => Number(m.value)).sort((a, b) => a - b)).toEqual(messages.map((_, i) => i));
    for (const part of out) {
      const values = part.messages.map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(parts.filter((p) => p.topic === 'changelog')).toEqual([{ topic: 'changelog', messages: [{ key: 'a', value: '1', partition: 0 }, { key: 'b', value: null, partition: 0 }] }]);
  });

  it('keeps a partition set on the message and spreads unkeyed messages over partitions with a leader', () => {
    const parts = splitByPartition([{ topic: 't', messages: [{ value: 'x', partition: 2 }, ...Array.from({ length: 30 }, () => ({ value: 'y' }))] }], new Map([['t', partitions(4, [1])]]));
    const used = parts.map((p) => p.messages[0]!.partition).sort();
    expect(used).toEqual([0, 2, 3]);
    expect(parts.find((p) => p.messages[0]!.partition === 2)!.messages[0]!.value).toBe('x');
  });

  it('splits the messages of a partition into parts of at most maxBytes, in order, a larger message alone', () => {
    const layout = new Map([['t', partitions(1)]]);
    const value = 'v'.repeat(1000);
    const messages = [...Array.from({ length: 25 }, (_, i) => ({ key: String(i), value })), { key: 'big', value: 'b'.repeat(20_000) }, { key: 'last', value }];
    const parts = splitByPartition([{ topic: 't', messages }], layout, { maxBytes: 10_000 });
    expect(parts.map((p) => p.messages.length)).toEqual([9, 9, 7, 1, 1]);
    expect(parts.flatMap((p) => p.messages.map((m) => m.key))).toEqual(messages.map((m) => m.key));
  });

  it('refuses a topic it has no partitions for', () => {
    expect(() => splitByPartition([{ topic: 'unknown', messages: [{ value: 'x' }] }], new Map())).toThrow(/unknown/);
  });
});
