import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('the bundled worker speaks Kafka Connect\'s REST API (driven only through HTTP)', () => {
  let worker: StartedConnectWorker;
  const pg = new URL(endpoints.postgresUrl!);

  beforeAll(async () => {
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      forwardUrl: endpoints.connectWorkerUrl,
      topicPrefix: unique('_it-connect'),
      fileDirectory: mkdtempSync(join(tmpdir(), 'connect-rest-')),
      log: () => undefined,
    });
  });
  afterAll(async () => worker?.stop());

  it('GET / answers version info and the cluster id', async () => {
    const root = await call('GET', `${worker.url}/`);
    expect(root.status).toBe(200);
    expect(Object.keys(root.body).sort()).toEqual(['commit', 'kafka_cluster_id', 'version']);
    expect(root.body.kafka_cluster_id).toMatch(/\S+/);
  });

  it('lists its own plugins and the real worker\'s ones (Debezium) in one listing', async () => {
    const plugins = await call('GET', `${worker.url}/connector-plugins`);
    const classes = plugins.body.map((p: { class: string }) => p.class);
    expect(classes).toEqual(expect.arrayContaining([
      'io.kafkasandbox.connect.postgres.PostgresSinkConnector',
      'io.kafkasandbox.connect.elasticsearch.ElasticsearchSinkConnector',
      'io.kafkasandbox.connect.file.FileSinkConnector',
      'io.kafkasandbox.connect.file.FileSourceConnector',
      'io.debezium.connector.postgresql.PostgresConnector',
    ]));
    expect(plugins.body.find((p: { class: string }) => p.class === 'io.kafkasandbox.connect.file.FileSinkConnector')).toEqual({
      class: 'io.kafkasandbox.connect.file.FileSinkConnector',
      type: 'sink',
      version: '1.0.0',
      implementation: 'kafka-sandbox io.kafkasandbox.connect.file.FileSinkConnector',
    });
    expect(plugins.body.find((p: { class: string }) => p.class === 'io.debezium.connector.postgresql.PostgresConnector').implementation).toBe('Kafka Connect worker');
  });

  it('refuses an invalid config with Connect\'s 400 body listing every problem, and validates per field', async () => {
    const name = unique('bad');
    const bad = await call('POST', `${worker.url}/connectors`, {
      name,
      config: { 'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector', topics: 'x', 'insert.mode': 'merge', 'batch.size': 'lots' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe(400);
    expect(bad.body.message).toContain('Connector configuration is invalid and contains the following 3 error(s):');
    expect(bad.body.message).toContain('Missing required configuration "connection.url" which has no default value.');
    expect(bad.body.message).toContain('Invalid value merge for configuration insert.mode: String must be one of: insert, upsert, update');
    expect(bad.body.message).toContain('Invalid value lots for configuration batch.size: Not a number of type INT');

    const validated = await call('PUT', `${worker.url}/connector-plugins/JdbcSinkConnector/config/validate`, {
      name: 'v',
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector', topics: 'x', 'connection.url': 'jdbc:postgresql://postgres:5432/db', 'connection.password': 's3cret', 'insert.mode': 'upsert',
    });
    expect(validated.status).toBe(200);
    expect(validated.body.error_count).toBe(1);
    const field = (n: string) => validated.body.configs.find((c: { definition: { name: string } }) => c.definition.name === n);
    expect(field('pk.mode').value.errors[0]).toContain('insert.mode=upsert needs a primary key');
    expect(field('connection.password').value.value).toBe('[hidden]');
    expect(field('connection.url').definition).toMatchObject({ type: 'STRING', required: true, importance: 'HIGH' });
    expect(JSON.stringify(validated.body)).not.toContain('s3cret');

    const unknownClass = await call('POST', `${worker.url}/connectors`, { name: unique('unknown-class'), config: { 'connector.class': 'com.example.NoSuchConnector' } });
    expect(unknownClass.status).toBe(400);
    expect(unknownClass.body.message).toMatch(/^Failed to find any class that implements Connector and which name matches com\.example\.NoSuchConnector, available connectors are: .*io\.confluent\.connect\.jdbc\.JdbcSinkConnector.*io\.debezium\.connector\.postgresql\.PostgresConnector/);

    const unknown = await call('GET', `${worker.url}/connectors/${unique('nope')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error_code: 404, message: expect.stringMatching(/^Connector nope-\w+ not found$/) });
  });

  it('runs a connector through its whole lifecycle with Connect\'s bodies and status codes', async () => {
    const name = unique('lifecycle');
    const topic = unique('lifecycle-topic');
    const config = {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      topics: topic,
      'connection.url': `jdbc:postgresql://postgres:5432${pg.pathname}`,
      'connection.user': decodeURIComponent(pg.username),
      'connection.password': decodeURIComponent(pg.password),
      'auto.create': true,
      'tasks.max': 1,
    };
    const created = await call('POST', `${worker.url}/connectors`, { name, config });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, type: 'sink', tasks: [{ connector: name, task: 0 }] });
    expect(created.body.config['connection.password']).toBe('[hidden]');
    expect(created.body.config['auto.create']).toBe('true');

    expect((await call('POST', `${worker.url}/connectors`, { name, config })).body).toEqual({ error_code: 409, message: `Connector ${name} already exists` });

    const names = await call('GET', `${worker.url}/connectors`);
    expect(names.body).toContain(name);
    const status = await pollUntil('RUNNING', async () => {
      const s = await call('GET', `${worker.url}/connectors/${name}/status`);
      return s.body.tasks[0]?.state === 'RUNNING' ? s.body : undefined;
    }, { timeoutMs: 30_000 });
    expect(status).toEqual({ name, connector: { state: 'RUNNING', worker_id: worker.workerId }, tasks: [{ id: 0, state: 'RUNNING', worker_id: worker.workerId }], type: 'sink' });

    const expanded = await call('GET', `${worker.url}/connectors?expand=status&expand=info`);
    expect(expanded.body[name].status).toEqual(status);
    expect(expanded.body[name].info.config['connection.password']).toBe('[hidden]');

    const cfg = await call('GET', `${worker.url}/connectors/${name}/config`);
    expect(cfg.body).toMatchObject({ name, topics: topic, 'connection.password': '[hidden]' });
    const tasks = await call('GET', `${worker.url}/connectors/${name}/tasks`);
    expect(tasks.body[0].id).toEqual({ connector: name, task: 0 });
    expect(tasks.body[0].config['connection.password']).toBe('[hidden]');
    expect((await call('GET', `${worker.url}/connectors/${name}/tasks/0/status`)).body).toEqual({ id: 0, state: 'RUNNING', worker_id: worker.workerId });
    expect((await call('GET', `${worker.url}/connectors/${name}/tasks/7/status`)).status).toBe(404);

    expect((await call('PUT', `${worker.url}/connectors/${name}/pause`)).status).toBe(202);
    expect((await call('GET', `${worker.url}/connectors/${name}/status`)).body).toMatchObject({ connector: { state: 'PAUSED' }, tasks: [{ state: 'PAUSED' }] });
    expect((await call('PUT', `${worker.url}/connectors/${name}/resume`)).status).toBe(202);
    expect((await call('GET', `${worker.url}/connectors/${name}/status`)).body).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ state: 'RUNNING' }] });

    expect((await call('POST', `${worker.url}/connectors/${name}/restart`)).status).toBe(204);
    const restarted = await call('POST', `${worker.url}/connectors/${name}/restart?includeTasks=true`);
    expect(restarted.status).toBe(202);
    expect(restarted.body).toMatchObject({ name, connector: { state: 'RESTARTING' }, tasks: [{ id: 0, state: 'RESTARTING' }] });
    const onlyFailed = await call('POST', `${worker.url}/connectors/${name}/restart?includeTasks=true&onlyFailed=true`);
    expect(onlyFailed.body).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ state: 'RUNNING' }] });
    expect((await call('POST', `${worker.url}/connectors/${name}/tasks/0/restart`)).status).toBe(204);

    // PUT config with the masked password keeps the stored one; 200 on update, 201 on create.
    const updated = await call('PUT', `${worker.url}/connectors/${name}/config`, { ...cfg.body, 'batch.size': 500 });
    expect(updated.status).toBe(200);
    expect(updated.body.config['batch.size']).toBe('500');
    const second = unique('put-created');
    expect((await call('PUT', `${worker.url}/connectors/${second}/config`, { ...config, name: second })).status).toBe(201);

    expect((await call('DELETE', `${worker.url}/connectors/${name}`)).status).toBe(204);
    expect((await call('DELETE', `${worker.url}/connectors/${second}`)).status).toBe(204);
    expect((await call('GET', `${worker.url}/connectors/${name}`)).body).toEqual({ error_code: 404, message: `Connector ${name} not found` });
  });

  it('forwards connectors of classes it does not implement to the real Connect worker', async () => {
    const name = unique('forwarded');
    const pg = new URL(endpoints.postgresUrl!);
    const created = await call('POST', `${worker.url}/connectors`, {
      name,
      config: {
        'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
        topics: unique('forwarded-topic'),
        'connection.url': `jdbc:postgresql://postgres:5432${pg.pathname}`,
        'connection.username': decodeURIComponent(pg.username),
        'connection.password': decodeURIComponent(pg.password),
        'tasks.max': '1',
      },
    });
    try {
      expect(created.status).toBe(201);
      expect((await call('GET', `${worker.url}/connectors`)).body).toContain(name);
      const status = await pollUntil('forwarded status', async () => {
        const s = await call('GET', `${worker.url}/connectors/${name}/status`);
        return s.status === 200 ? s.body : undefined;
      }, { timeoutMs: 30_000 });
      expect(status.name).toBe(name);
    } finally {
      expect((await call('DELETE', `${worker.url}/connectors/${name}`)).status).toBe(204);
    }
  });
});
