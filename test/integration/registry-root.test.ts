import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';

const run = promisify(execFile);
const endpoints = inject('endpoints');
const sandboxState = inject('sandboxState');
const url = endpoints.schemaRegistryUrl!;

/** Debian's python3 (python3-confluent-kafka, python3-requests), not a pyenv or venv one earlier on PATH. */
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** The official Python client, configured as every tutorial does: the registry URL, nothing appended. */
const pythonClient = `
import json, sys
from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
client = SchemaRegistryClient({'url': sys.argv[1]})
subject = sys.argv[2]
avro = {'type': 'record', 'name': 'Click', 'namespace': 'sandbox', 'fields': [{'name': 'user_id', 'type': 'string'}, {'name': 'ts', 'type': 'long'}]}
schema_id = client.register_schema(subject, Schema(json.dumps(avro), 'AVRO'))
fetched = client.get_schema(schema_id)
latest = client.get_latest_version(subject)
print(json.dumps({'id': schema_id, 'schema': json.loads(fetched.schema_str), 'type': fetched.schema_type, 'version': latest.version, 'subjects': client.get_subjects()}))
`;

describe('the Schema Registry URL speaks the Confluent API at its root', () => {
  it('the Python confluent_kafka client registers and fetches an Avro schema with the plain URL', async () => {
    const subject = unique('registry-root-value');
    const { stdout } = await run(python, ['-c', pythonClient, url, subject], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { id: number; schema: { name: string; fields: unknown[] }; type: string; version: number; subjects: string[] };
    expect(result).toMatchObject({ type: 'AVRO', version: 1, schema: { name: 'Click' } });
    expect(result.schema.fields).toHaveLength(2);
    expect(result.subjects).toContain(subject);

    // The same schema at the root, and through Apicurio's own paths, which still answer.
    const response = await fetch(`${url}/subjects`);
    expect(response.status).toBe(200);
    expect(await response.json()).toContain(subject);
    expect(await httpJson<{ schema: string }>(`${url}/schemas/ids/${result.id}`)).toMatchObject({ schema: expect.stringContaining('Click') });
    expect(await httpJson<string[]>(`${url}/apis/ccompat/v7/subjects`)).toContain(subject);
    expect(await httpJson<{ name: string; version: string }>(`${url}/apis/registry/v3/system/info`)).toMatchObject({ name: expect.stringContaining('Apicurio') });
    expect(await httpJson<number[]>(`${url}/subjects/${subject}`, { method: 'DELETE' })).toEqual([1]);
  });

  it('answers at schema-registry:8081 inside the sandbox network, as tutorials configure it', async () => {
    const { stdout } = await run('docker', ['exec', `kafka-sandbox-${sandboxState.name}-connect-worker`, 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://schema-registry:8081/subjects'], { timeout: 30_000 });
    expect(stdout).toBe('200');
  });
});
