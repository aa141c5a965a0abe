import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

export const registryContainerPort = 8080;
/** Apicurio serves the Confluent Schema Registry API under this path. */
export const confluentCompatPath = '/apis/ccompat/v7';

/**
 * Apicurio Registry with its Confluent-compatible API (both image sets run it). In-memory storage:
 * schemas live as long as the sandbox.
 */
export function draftSchemaRegistry(context: ServiceContext, image: ImageChoice): ServiceDraft {
  return draftService(context, {
    service: 'schema-registry',
    image,
    aliases: ['schema-registry'],
    publish: registryContainerPort,
    env: {
      // Confluent-like ids (one per distinct schema), canonical matching, deletable subjects; the
      // offline image bakes these in too, so both image sets behave the same.
      APICURIO_CCOMPAT_LEGACY_ID_MODE_ENABLED: 'false',
      APICURIO_CCOMPAT_USE_CANONICAL_HASH: 'true',
      APICURIO_REST_DELETION_GROUP_ENABLED: 'true',
      APICURIO_REST_DELETION_ARTIFACT_ENABLED: 'true',
      APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED: 'true',
    },
    wait: Wait.forHttp(`${confluentCompatPath}/subjects`, registryContainerPort).forStatusCode(200),
  });
}
