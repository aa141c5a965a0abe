import { describe, expect, it } from 'vitest';
import { describeLineProblems, parseHeaderFlags, parseInputLines } from './produce-lines.js';

describe('parseInputLines', () => {
  it('gives one record per line, numbered from 1, skipping blank lines and CRLF', () => {
    expect(parseInputLines('a\r\n\n  \nb\n')).toEqual({ lines: [{ line: 1, key: null, value: 'a' }, { line: 4, key: null, value: 'b' }], problems: [] });
  });

  it('splits KEY<sep>VALUE at the first separator only', () => {
    const { lines } = parseInputLines('u1:{"a":"x:y"}\n:empty key\nk::v', { keySeparator: ':' });
    expect(lines).toEqual([
      { line: 1, key: 'u1', value: '{"a":"x:y"}' },
      { line: 2, key: '', value: 'empty key' },
      { line: 3, key: 'k', value: ':v' },
    ]);
  });

  it('takes multi-character separators', () => {
    expect(parseInputLines('k1=>v1', { keySeparator: '=>' }).lines).toEqual([{ line: 1, key: 'k1', value: 'v1' }]);
  });

  it('reports a line without the separator with its number', () => {
    const { lines, problems } = parseInputLines('a:1\nno separator\nc:3', { keySeparator: ':' });
    expect(lines.map((l) => l.line)).toEqual([1, 3]);
    expect(describeLineProblems(problems)).toEqual(['line 2: no key separator ":" (--key-sep): expected KEY:VALUE']);
  });

  it('keeps the value text as is when no separator is asked for', () => {
    expect(parseInputLines('a:b').lines[0]).toEqual({ line: 1, key: null, value: 'a:b' });
  });
});

describe('parseHeaderFlags', () => {
  it('reads k=v, keeps "=" in values and every value of a repeated key', () => {
    expect(parseHeaderFlags(['source=web', 'trace=a=b', 'tag=1', 'tag=2', 'empty='])).toEqual({ source: 'web', trace: 'a=b', tag: ['1', '2'], empty: '' });
  });

  it('refuses a flag without a key', () => {
    expect(() => parseHeaderFlags(['novalue'])).toThrow(/--header "novalue": expected KEY=VALUE/);
    expect(() => parseHeaderFlags(['=v'])).toThrow(/expected KEY=VALUE/);
  });
});
