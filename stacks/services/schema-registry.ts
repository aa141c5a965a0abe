import { readFileSync } from 'node:fs';
import { Wait } from 'testcontainers';
import { kitDir } from '../image-kit/kit-dir.js';
import type { ImageChoice } from '../images.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

/** Where Apicurio itself listens inside its container (alias `apicurio-registry`). */
export const registryContainerPort = 8080;
/**
 * The Confluent Schema Registry port: `schema-registry:8081` on the sandbox network, the API at its
 * root as on Confluent's registry. The root proxy answers there (and on 8080 as well).
 */
export const registryPort = 8081;
/** Apicurio serves the Confluent Schema Registry API under this path; the root proxy maps `/` to it. */
export const confluentCompatPath = '/apis/ccompat/v7';
/** The in-network name of the Apicurio container itself (the proxy's upstream). */
export const apicurioAlias = 'apicurio-registry';
/** Service name (label, events) of the proxy container. */
export const registryProxyService = 'schema-registry-proxy';

const proxySourceTarget = '/opt/sandbox/registry-proxy/RegistryRootProxy.java';

/**
 * Apicurio Registry with its Confluent-compatible API (both image sets run it), plus a root proxy
 * in front of it, so the Confluent API answers at the root of `schemaRegistryUrl` and at
 * `http://schema-registry:8081` like Confluent's registry, while `/apis/registry/v3` and
 * `/apis/ccompat/v7` keep working through the same URL.
 *
 * Apicurio has no setting that mounts its ccompat API at `/` (its `apicurio.redirects.*` are
 * exact-path 302s, which turn a POST into a GET). The proxy (stacks/kit/registry-proxy) is one
 * Java file run by the JDK's source launcher in a second container of the same registry image,
 * which has a JVM in both image sets: nothing else to pull or build, and the same code path for the
 * official `apicurio/apicurio-registry` image, whose entrypoint stays untouched.
 *
 * In-memory storage: schemas live as long as the sandbox.
 */
export function draftSchemaRegistry(context: ServiceContext, image: ImageChoice): ServiceDraft[] {
  const registry = draftService(context, {
    service: 'schema-registry',
    image,
    aliases: [apicurioAlias],
    // Published on a random host port only so testcontainers can run the HTTP wait against it;
    // clients use the proxy's port (the sandbox's schemaRegistryUrl).
    publish: registryContainerPort,
    hostPortOf: apicurioAlias,
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
  const proxy = draftService(context, {
    service: registryProxyService,
    image,
    aliases: ['schema-registry', 'schemaregistry'],
    publish: registryPort,
    hostPortOf: 'schema-registry',
    files: [{ target: proxySourceTarget, content: readFileSync(kitDir('registry-proxy', 'RegistryRootProxy.java'), 'utf8') }],
    entrypoint: ['java'],
    command: [
      '-Xmx64m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Xss512k',
      proxySourceTarget,
      `${registryPort},${registryContainerPort}`,
      `http://${apicurioAlias}:${registryContainerPort}`,
      confluentCompatPath,
    ],
    // Through the proxy to Apicurio: ready means the Confluent API answers at the root.
    wait: Wait.forHttp('/subjects', registryPort).forStatusCode(200),
  });
  return [registry, proxy];
}
