import { describe, expect, it } from 'vitest';
import { lastLines, LogLineSplitter } from './log-lines.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('LogLineSplitter', () => {
  it('demultiplexes Docker frames split anywhere, lines across frames', () => {
    const bytes = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'o\nthree\r\n'), frame(1, 'four')]);
    const splitter = new LogLineSplitter();
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i += 5) lines.push(...splitter.push(bytes.subarray(i, i + 5)));
    expect([...lines, ...splitter.flush()]).toEqual(['one', 'two', 'three', 'four']);
  });

  it('passes plain text (a TTY container) through', () => {
    const splitter = new LogLineSplitter();
    expect(splitter.push(Buffer.from('hello\nwor'))).toEqual(['hello']);
    expect(splitter.push(Buffer.from('ld\n'))).toEqual(['world']);
    expect(splitter.flush()).toEqual([]);
  });
});

describe('lastLines', () => {
  it('returns the last N lines without an empty one for the final newline', () => {
    expect(lastLines('a\nb\nc\n', 2)).toEqual(['b', 'c']);
    expect(lastLines('a\nb', 5)).toEqual(['a', 'b']);
    expect(lastLines('a\n', 0)).toEqual([]);
  });
});
