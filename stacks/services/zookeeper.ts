import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

export const zookeeperPort = 2181;

/** A single ZooKeeper node for `--mode zookeeper`, reachable as zookeeper:2181 on the network. */
export function draftZookeeper(context: ServiceContext, image: ImageChoice): ServiceDraft {
  const env: Record<string, string> =
    image.flavor === 'confluent'
      ? { ZOOKEEPER_CLIENT_PORT: String(zookeeperPort), ZOOKEEPER_TICK_TIME: '2000', KAFKA_HEAP_OPTS: '-Xmx128m' }
      : { JVM_HEAP_OPTS: '-Xmx128m' };
  return draftService(context, {
    service: 'zookeeper',
    image,
    aliases: ['zookeeper'],
    publish: zookeeperPort,
    env,
    wait: Wait.forLogMessage(/binding to port/),
  });
}
