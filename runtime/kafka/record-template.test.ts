import { describe, expect, it } from 'vitest';
import { compileTemplate, headersText, textOf } from './record-template.js';

const record = { topic: 'clicks', partition: 2, offset: 41, timestamp: 1700000000000, key: 'u1', value: { a: 1 }, headers: { source: 'web', tag: ['x', 'y'] } };

describe('compileTemplate', () => {
  it('fills the kcat-like fields', () => {
    expect(compileTemplate('%p:%o %k=%v %t [%h] %n')(record)).toBe('2:41 u1={"a":1} 1700000000000 [source=web,tag=x,tag=y] clicks');
  });

  it('takes kcat\'s %s and %T as value and timestamp, sizes with %K %S', () => {
    expect(compileTemplate('%s %T %K %S')(record)).toBe('{"a":1} 1700000000000 2 7');
  });

  it('handles %% and backslash escapes', () => {
    expect(compileTemplate('100%% %k\\t%v\\n')(record)).toBe('100% u1\t{"a":1}\n');
  });

  it('prints null keys and values as empty, strings as they are', () => {
    expect(compileTemplate('[%k][%v]')({ ...record, key: null, value: 'plain' })).toBe('[][plain]');
  });

  it('refuses an unknown field, listing the known ones', () => {
    expect(() => compileTemplate('%x')).toThrow(/unknown %x in --format \(known: %k %v/);
  });

  it('keeps a lone trailing % as text', () => {
    expect(compileTemplate('%v%')(record)).toBe('{"a":1}%');
  });
});

describe('textOf and headersText', () => {
  it('prints Buffers as base64 inside JSON and alone', () => {
    expect(textOf(Buffer.from('hi'))).toBe('aGk=');
    expect(textOf({ b: Buffer.from('hi') })).toBe('{"b":"aGk="}');
  });

  it('prints headers in order', () => {
    expect(headersText({})).toBe('');
    expect(headersText({ a: '1', b: '2' })).toBe('a=1,b=2');
  });
});
