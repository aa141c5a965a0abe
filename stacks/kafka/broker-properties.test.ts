import { describe, expect, it } from 'vitest';
import { brokerProperties, replicationDefaults, toPropertiesFile, type ClusterLayout } from './broker-properties.js';

const three: ClusterLayout = {
  mode: 'kraft',
  brokers: [1, 2, 3].map((id) => ({ nodeId: id, alias: `broker-${id}`, hostPort: 9091 + id })),
};

describe('brokerProperties', () => {
  it('gives each KRaft node two advertised client faces and a static voter list, never advertising CONTROLLER', () => {
    const props = brokerProperties(three, three.brokers[1]!);
    expect(props['process.roles']).toBe('broker,controller');
    expect(props['node.id']).toBe('2');
    expect(props['controller.quorum.voters']).toBe('1@broker-1:9093,2@broker-2:9093,3@broker-3:9093');
    expect(props['advertised.listeners']).toBe('INTERNAL://broker-2:9092,EXTERNAL://127.0.0.1:9093');
    expect(props['advertised.listeners']).not.toMatch(/CONTROLLER|0\.0\.0\.0/);
    expect(props).toMatchObject({
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'true',
      'num.partitions': '3',
    });
  });

  it('auto-creates topics by default in both modes, with replication min(3, brokers), unless turned off', () => {
    const one: ClusterLayout = { mode: 'kraft', brokers: [three.brokers[0]!] };
    expect(brokerProperties(one, one.brokers[0]!)).toMatchObject({ 'auto.create.topics.enable': 'true', 'num.partitions': '3', 'default.replication.factor': '1' });
    const zk: ClusterLayout = { ...three, mode: 'zookeeper' };
    expect(brokerProperties(zk, zk.brokers[2]!)).toMatchObject({ 'auto.create.topics.enable': 'true', 'default.replication.factor': '3' });
    for (const mode of ['kraft', 'zookeeper'] as const) {
      const off: ClusterLayout = { ...three, mode, autoCreateTopics: false };
      expect(brokerProperties(off, off.brokers[0]!)['auto.create.topics.enable']).toBe('false');
    }
  });

  it('uses broker.id and zookeeper.connect in zookeeper mode', () => {
    const layout: ClusterLayout = { ...three, mode: 'zookeeper', zookeeperConnect: 'zookeeper:2181' };
    const props = brokerProperties(layout, layout.brokers[0]!);
    expect(props['broker.id']).toBe('1');
    expect(props['zookeeper.connect']).toBe('zookeeper:2181');
    expect(props['process.roles']).toBeUndefined();
    expect(props.listeners).not.toContain('CONTROLLER');
  });

  it('scales replication defaults down for one broker', () => {
    expect(replicationDefaults(1)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
    expect(replicationDefaults(3)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('writes sorted key=value lines', () => {
    expect(toPropertiesFile({ b: '2', a: '1' })).toBe('a=1\nb=2\n');
  });
});
