import { describe, expect, it } from 'vitest';
import { Config, normalizeConfig, validateConfig, validateField, type FieldSpec } from './config-spec.js';

const spec: FieldSpec[] = [
  { name: 'batch.size', type: 'INT', default: '10', min: 1, doc: 'rows per batch' },
  { name: 'mode', type: 'STRING', oneOf: ['insert', 'upsert'], doc: 'write mode', aliases: ['write.mode'] },
  { name: 'password', type: 'PASSWORD', default: null, doc: 'secret' },
];

describe('config spec', () => {
  it('reports missing, malformed and out-of-range values with the full key', () => {
    const errors = validateConfig(spec, normalizeConfig({ 'batch.size': 0 }), { prefix: 'x.' });
    expect(errors.map((e) => e.field)).toEqual(['x.batch.size', 'x.mode']);
    expect(errors[0]!.message).toContain('Value must be at least 1');
    expect(errors[1]!.message).toBe('Missing required configuration "x.mode" which has no default value.');
    expect(validateField(spec[0]!, { 'batch.size': 'ten' })).toEqual(['Invalid value ten for configuration batch.size: Not a number of type INT']);
  });

  it('suggests the closest key for an unknown one unless unknown keys are allowed', () => {
    const config = { mode: 'insert', 'batch.sise': '5' };
    expect(validateConfig(spec, config)[0]!.message).toContain('did you mean "batch.size"?');
    expect(validateConfig(spec, config, { allowUnknown: true })).toEqual([]);
  });

  it('reads typed values through aliases and defaults', () => {
    const config = new Config(spec, { 'write.mode': 'UPSERT' });
    expect(config.choice('mode')).toBe('upsert');
    expect(config.int('batch.size')).toBe(10);
    expect(config.has('batch.size')).toBe(false);
    expect(config.string('password')).toBeNull();
  });
});
