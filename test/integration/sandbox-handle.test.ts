import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { attachSandbox } from '../../app/attach-sandbox.js';
import type { SandboxEvent } from '../../app/sandbox-events.js';
import { StackError } from '../../runtime/core/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { unique } from '../helpers/unique.js';

const state = inject('sandboxState');
const endpoints = inject('endpoints');

describe('the sandbox handle', () => {
  it('attaches by name: the same endpoints, state and status as the running sandbox', async () => {
    await using sandbox = await attachSandbox(state.name);
    expect(sandbox.name).toBe(state.name);
    expect(sandbox.owned).toBe(false);
    expect(sandbox.endpoints).toEqual(endpoints);
    const status = await sandbox.status();
    expect(status.name).toBe(state.name);
    expect(status.kafka.brokers.every((broker) => broker.running)).toBe(true);
  });

  it('attaches by endpoints: Kafka-level operations work, container-level ones say why not', async () => {
    const sandbox = await attachSandbox({ bootstrapServers: endpoints.bootstrapServers });
    expect(sandbox.name).toBeUndefined();
    await expect(sandbox.status()).rejects.toThrow(/attached by endpoints only/);
    expect(() => sandbox.connect.url).toThrow(/no connect/);
    expect(await sandbox.stop()).toBeUndefined(); // removes nothing of a cluster it does not know
  });

  it('refuses a name that is not running, and says how to start one', async () => {
    const name = unique('absent');
    const error = await attachSandbox(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackError);
    expect((error as StackError).message).toBe(`no sandbox named "${name}" is running`);
    expect((error as StackError).hint).toMatch(/kafka-sandbox up --detach/);
  });

  it('drives a connector through Connect REST and reports its states as events', async () => {
    await using sandbox = await attachSandbox(state.name);
    const events: SandboxEvent[] = [];
    sandbox.events.on((event) => events.push(event));
    const name = unique('handle-datagen');
    const dir = mkdtempSync(join(tmpdir(), 'handle-'));
    const file = join(dir, `${name}.properties`);
    writeFileSync(file, [`name=${name}`, 'connector.class=DatagenConnector', 'quickstart=users', `kafka.topic=${name}`, 'max.interval=50', 'iterations=20', 'tasks.max=1'].join('\n'));

    const deployed = await sandbox.connect.deploy(file);
    expect(deployed).toMatchObject({ name, created: true, paused: false, status: { connector: { state: 'RUNNING' } } });
    expect(events).toContainEqual({ kind: 'connector-state', connector: name, state: 'CREATED' });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'task-state', connector: name, task: 0, state: 'RUNNING' }));

    await sandbox.connect.pause(name);
    expect((await sandbox.connect.waitForState(name, 'PAUSED')).tasks[0]?.state).toBe('PAUSED');
    await sandbox.connect.resume(name);
    await sandbox.connect.waitForState(name, 'RUNNING');
    expect(Object.keys(await sandbox.connect.list())).toContain(name);

    await sandbox.connect.delete(name);
    const gone = await sandbox.connect.status(name).catch((e: unknown) => e as Error);
    expect((gone as Error).message).toMatch(/404/);
    expect(events.at(-1)).toEqual({ kind: 'connector-state', connector: name, state: 'DELETED' });
  });

  it('a misspelt connector name gets the connectors that exist', async () => {
    await using sandbox = await attachSandbox(state.name);
    const error = (await sandbox.connect.status(unique('nope')).catch((e: unknown) => e)) as { message: string; hint?: string };
    expect(error.message).toMatch(/answered 404/);
    expect(error.hint).toMatch(/No connector is deployed|Connectors: /);
  });

  it('the CLI reports through the handle: status and connect list as JSON', async () => {
    const status = await runCli(['status', '--name', state.name, '--json']);
    expect(status.exitCode, status.all).toBe(0);
    expect(JSON.parse(status.stdout).name).toBe(state.name);
    const connectors = await runCli(['connect', 'list', '--name', state.name, '--json']);
    expect(connectors.exitCode, connectors.all).toBe(0);
    expect(typeof JSON.parse(connectors.stdout)).toBe('object');
  });
});
