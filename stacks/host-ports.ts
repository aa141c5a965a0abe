import { createServer } from 'node:net';
import { ConfigError } from '../runtime/core/errors.js';

/** Tries to listen on 127.0.0.1:port; true when nothing else holds it. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `default`: the tutorial ports when free; `random`: always free ports; or explicit `service=port` pairs. */
export type PortMode = 'default' | 'random';

export interface PortRequest {
  service: string;
  /** The port tutorials assume (9092, 8081, ...). */
  preferred: number;
}

export interface PortPlan {
  ports: Record<string, number>;
  /** One line per preferred port that was taken and replaced. */
  notices: string[];
}

/** Parses `--ports`: `default`, `random`, or `service=port,...` (the rest take their defaults). */
export function parsePortsOption(value: string | undefined, services: string[]): { mode: PortMode; explicit: Record<string, number> } {
  if (value === undefined || value === 'default' || value === 'random') return { mode: value ?? 'default', explicit: {} };
  const explicit: Record<string, number> = {};
  for (const pair of value.split(',')) {
    const [service, port] = pair.split('=');
    const number = Number(port);
    if (!service || !services.includes(service) || !Number.isInteger(number) || number < 1 || number > 65535) {
      throw new ConfigError(`--ports: "${pair}" is not service=port`, {
        hint: `Use default, random, or pairs like broker-1=19092 for services ${services.join(', ')}.`,
      });
    }
    explicit[service] = number;
  }
  return { mode: 'default', explicit };
}

/**
 * Chooses a host port per service. Explicit ports must be free (ConfigError otherwise); preferred
 * ports fall back to a free port with a notice; random mode never uses the preferred ports.
 */
export async function planHostPorts(requests: PortRequest[], mode: PortMode, explicit: Record<string, number> = {}): Promise<PortPlan> {
  const ports: Record<string, number> = {};
  const notices: string[] = [];
  const taken = new Set<number>();
  for (const { service, preferred } of requests) {
    const wanted = explicit[service];
    if (wanted !== undefined) {
      if (!(await isPortFree(wanted))) {
        throw new ConfigError(`port ${wanted} requested for ${service} is already in use`, {
          hint: 'Free the port, choose another with --ports, or use --ports random.',
        });
      }
      ports[service] = wanted;
    } else if (mode === 'default' && !taken.has(preferred) && (await isPortFree(preferred))) {
      ports[service] = preferred;
    } else {
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      ports[service] = port;
      if (mode === 'default') notices.push(`port ${preferred} is in use, ${service} gets ${port} instead`);
    }
    taken.add(ports[service]!);
  }
  return { ports, notices };
}
