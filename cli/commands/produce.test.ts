import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { recordsFromText } from './produce.js';

describe('recordsFromText', () => {
  it('turns key:value lines with headers into records', () => {
    const records = recordsFromText('u1:{"a":1}\n\nu2:{"a":2}\n', { keySep: ':', header: ['source=cli'], format: 'json' });
    expect(records).toEqual([
      { key: 'u1', value: { a: 1 }, source: 'line 1', headers: { source: 'cli' } },
      { key: 'u2', value: { a: 2 }, source: 'line 3', headers: { source: 'cli' } },
    ]);
  });

  it('rejects the whole batch, every bad line with its number and why', () => {
    let error: unknown;
    try {
      recordsFromText('{"a":1}\nnot json\n{"a":3}\n{"a":\n', { format: 'json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('2 lines are not valid json; nothing was sent');
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^line 2: not valid JSON: /), expect.stringMatching(/^line 4: not valid JSON: /)]);
  });

  it('reports a missing key separator and a bad --partition', () => {
    expect(() => recordsFromText('a:1\nb', { keySep: ':', format: 'string' })).toThrow(/1 line is not valid string/);
    expect(() => recordsFromText('a', { format: 'string', partition: 'x' })).toThrow(/--partition "x"/);
  });

  it('keeps string lines verbatim and sends to a given partition', () => {
    expect(recordsFromText('not json at all', { format: 'string', partition: '2' })).toEqual([{ key: null, value: 'not json at all', source: 'line 1', partition: 2 }]);
  });
});
