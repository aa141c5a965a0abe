import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

export const elasticsearchPort = 9200;

/** Single-node Elasticsearch without security, reachable as elasticsearch:9200 on the network. */
export function draftElasticsearch(context: ServiceContext, image: ImageChoice): ServiceDraft {
  return draftService(context, {
    service: 'elasticsearch',
    image,
    aliases: ['elasticsearch'],
    publish: elasticsearchPort,
    env: {
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'false',
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
      ES_JAVA_OPTS: '-Xms512m -Xmx512m',
    },
    wait: Wait.forHttp('/_cluster/health', elasticsearchPort).forResponsePredicate((body) => /"status":"(green|yellow)"/.test(body)),
  });
}
