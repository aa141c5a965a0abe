/**
 * In-network `host:port` -> an address this process reaches. Tutorial configs name services the way
 * containers on the sandbox network see them (`postgres:5432`, `broker-1:9092`); the worker runs on
 * the host, where the same services are published on 127.0.0.1 ports.
 */
export type AddressMap = ReadonlyMap<string, string>;

export interface MappableEndpoints {
  bootstrapServers: string;
  internalBootstrapServers?: string;
  schemaRegistryUrl?: string;
  connectUrl?: string;
  postgresUrl?: string;
  elasticsearchUrl?: string;
}

function hostPortOf(url: string | undefined, defaultPort: number): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || defaultPort}`;
  } catch {
    return undefined;
  }
}

/** The tutorial hostnames of every service of a sandbox, pointing at its published ports. */
export function addressMapFor(endpoints: MappableEndpoints): Map<string, string> {
  const map = new Map<string, string>();
  const external = endpoints.bootstrapServers.split(',').map((s) => s.trim()).filter(Boolean);
  const internal = (endpoints.internalBootstrapServers ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  internal.forEach((address, i) => {
    const target = external[i];
    if (target) map.set(address, target);
  });
  external.forEach((target, i) => {
    for (const alias of [`broker-${i + 1}:9092`, `broker${i + 1}:9092`, `kafka-${i + 1}:9092`, `kafka${i + 1}:9092`]) if (!map.has(alias)) map.set(alias, target);
  });
  if (external[0]) for (const alias of ['kafka:9092', 'broker:9092', 'kafka:29092', 'broker:29092']) map.set(alias, external[0]);
  const services: [string[], string | undefined][] = [
    [['postgres:5432', 'postgresql:5432', 'db:5432'], hostPortOf(endpoints.postgresUrl, 5432)],
    [['elasticsearch:9200', 'es:9200'], hostPortOf(endpoints.elasticsearchUrl, 9200)],
    [['schema-registry:8081', 'schemaregistry:8081'], hostPortOf(endpoints.schemaRegistryUrl, 8081)],
    [['connect:8083', 'kafka-connect:8083'], hostPortOf(endpoints.connectUrl, 8083)],
  ];
  for (const [aliases, target] of services) if (target) for (const alias of aliases) map.set(alias, target);
  return map;
}

export function mapAddress(map: AddressMap, hostPort: string): string {
  return map.get(hostPort.trim().toLowerCase()) ?? map.get(hostPort.trim()) ?? hostPort.trim();
}

/**
 * Rewrites the `host:port` of a URL with `mapHostPort` (`http://elasticsearch:9200/x` ->
 * `http://127.0.0.1:P/x`); a URL without a port is mapped as port 80 (443 for https).
 */
export function mapUrl(mapHostPort: (hostPort: string) => string, url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/(?:[^@/]*@)?)([^/?#,]+)/i, (_all, prefix: string, hostPort: string) =>
    `${prefix}${mapHostPort(hostPort.includes(':') ? hostPort : `${hostPort}:${/^https:/i.test(prefix) ? 443 : 80}`)}`,
  );
}
