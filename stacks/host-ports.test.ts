import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/core/errors.js';
import { freePort, parsePortsOption, planHostPorts } from './host-ports.js';

function hold(port: number) {
  return new Promise<ReturnType<typeof createServer>>((resolve) => {
    const server = createServer();
    server.listen({ host: '127.0.0.1', port }, () => resolve(server));
  });
}

describe('host ports', () => {
  it('uses a free preferred port and falls back with a notice when it is taken', async () => {
    const preferred = await freePort();
    const taken = await freePort();
    const server = await hold(taken);
    try {
      const plan = await planHostPorts(
        [
          { service: 'a', preferred },
          { service: 'b', preferred: taken },
        ],
        'default',
      );
      expect(plan.ports.a).toBe(preferred);
      expect(plan.ports.b).not.toBe(taken);
      expect(plan.notices).toEqual([`port ${taken} is in use, b gets ${plan.ports.b} instead`]);
    } finally {
      server.close();
    }
  });

  it('random mode never uses the preferred ports and gives distinct ports', async () => {
    const preferred = await freePort();
    const plan = await planHostPorts([{ service: 'a', preferred }, { service: 'b', preferred }], 'random');
    expect(plan.ports.a).not.toBe(preferred);
    expect(plan.ports.a).not.toBe(plan.ports.b);
    expect(plan.notices).toEqual([]);
  });

  it('an explicitly requested port in use is a ConfigError', async () => {
    const taken = await freePort();
    const server = await hold(taken);
    try {
      await expect(planHostPorts([{ service: 'postgres', preferred: 5432 }], 'default', { postgres: taken })).rejects.toThrow(ConfigError);
    } finally {
      server.close();
    }
  });

  it('parses --ports', () => {
    expect(parsePortsOption('random', ['a'])).toEqual({ mode: 'random', explicit: {} });
    expect(parsePortsOption('postgres=15432', ['postgres'])).toEqual({ mode: 'default', explicit: { postgres: 15432 } });
    expect(() => parsePortsOption('pg=1', ['postgres'])).toThrow(/not service=port/);
  });
});
