/**
 * POST /subjects/{subject}/versions of the Confluent Schema Registry API; returns the schema id
 * (registering an identical schema again returns the existing id). Used instead of the library's
 * `register`, which first compares the subject's compatibility level with its own default
 * (BACKWARD) and fails when a registry such as Apicurio reports another one.
 */
export async function registerSchema(registryUrl: string, subject: string, schema: string, schemaType: 'AVRO' | 'JSON'): Promise<number> {
  const response = await fetch(`${registryUrl.replace(/\/+$/, '')}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema, schemaType }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /subjects/${subject}/versions answered ${response.status}: ${text.slice(0, 200)}`);
  const { id } = JSON.parse(text) as { id?: unknown };
  if (typeof id !== 'number') throw new Error(`the registry answered without a schema id: ${text.slice(0, 200)}`);
  return id;
}
