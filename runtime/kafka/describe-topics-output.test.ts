import { describe, expect, it } from 'vitest';
import { parseDescribeTopics } from './describe-topics-output.js';

const output = [
  'Topic: orders\tTopicId: x\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: min.insync.replicas=2',
  '\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 3,1,2\tIsr: 1,2\tElr: \tLastKnownElr: ',
  '\tTopic: orders\tPartition: 1\tLeader: 2\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: \tLastKnownElr: ',
  'Topic: dlq\tTopicId: y\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ',
  '\tTopic: dlq\tPartition: 0\tLeader: none\tReplicas: 3\tIsr: \tElr: \tLastKnownElr: ',
  '\tTopic: __consumer_offsets\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3',
].join('\n');

describe('parseDescribeTopics', () => {
  it('counts partitions, under-replicated and leaderless ones per topic, without internal topics', () => {
    expect(parseDescribeTopics(output)).toEqual([
      { name: 'dlq', partitions: 1, replicationFactor: 1, underReplicated: 1, offline: 1 },
      { name: 'orders', partitions: 2, replicationFactor: 3, underReplicated: 1, offline: 0 },
    ]);
  });

  it('gives nothing for output without partition lines', () => {
    expect(parseDescribeTopics('Error while executing topic command')).toEqual([]);
  });
});
