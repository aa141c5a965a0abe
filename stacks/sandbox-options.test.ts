import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/core/errors.js';
import { resolveSandboxOptions } from './sandbox-options.js';
import { maskUrl } from './sandbox-state.js';

describe('resolveSandboxOptions', () => {
  it('defaults to a random name, KRaft, 3 brokers, every service and random ports', () => {
    const options = resolveSandboxOptions({ images: 'offline' });
    expect(options.name).toMatch(/^test-[0-9a-f]{8}$/);
    expect(options).toMatchObject({ mode: 'kraft', brokers: 3, ports: 'random', images: 'offline' });
    expect([...options.services]).toEqual(['schema-registry', 'connect', 'postgres', 'elasticsearch']);
  });

  it('rejects unknown services, broker counts and names with a hint', () => {
    expect(() => resolveSandboxOptions({ without: ['kafka-ui' as never] })).toThrow(/unknown service in --without: kafka-ui/);
    expect(() => resolveSandboxOptions({ brokers: 2 })).toThrow(ConfigError);
    expect(() => resolveSandboxOptions({ name: 'Bad Name' })).toThrow(/not valid/);
  });

  it('makes --connect-plugins paths absolute (the worker runs elsewhere) and needs Connect for them', () => {
    expect(resolveSandboxOptions({ images: 'offline' }).connectPlugins).toEqual([]);
    expect(resolveSandboxOptions({ images: 'offline', connectPlugins: ['examples/connectors'] }).connectPlugins).toEqual([join(process.cwd(), 'examples/connectors')]);
    expect(() => resolveSandboxOptions({ connectPlugins: ['x.ts'], without: ['connect'] })).toThrow(/--connect-plugins needs Connect/);
  });

  it('leaves the image set and auto-creation open when not given, and checks them when given', () => {
    const saved = process.env.KAFKA_SANDBOX_IMAGES;
    try {
      delete process.env.KAFKA_SANDBOX_IMAGES;
      expect(resolveSandboxOptions({})).toMatchObject({ images: undefined, autoCreateTopics: undefined });
      expect(resolveSandboxOptions({ autoCreateTopics: false }).autoCreateTopics).toBe(false);
      expect(() => resolveSandboxOptions({ autoCreateTopics: 'no' as never })).toThrow(/autoCreateTopics must be true or false/);
      process.env.KAFKA_SANDBOX_IMAGES = 'offlne';
      expect(() => resolveSandboxOptions({})).toThrow(/unknown image set "offlne"/);
    } finally {
      if (saved === undefined) delete process.env.KAFKA_SANDBOX_IMAGES;
      else process.env.KAFKA_SANDBOX_IMAGES = saved;
    }
  });
});

describe('maskUrl', () => {
  it('hides the password of a URL', () => {
    expect(maskUrl('postgres://sandbox:s3cret@127.0.0.1:5432/sandbox')).toBe('postgres://sandbox:****@127.0.0.1:5432/sandbox');
  });
});
