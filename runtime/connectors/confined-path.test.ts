import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../core/errors.js';
import type { TaskContext } from './connector.js';
import { confinedPath } from './confined-path.js';
import { fileSinkPlugin } from './file-sink.js';
import { fileSourcePlugin } from './file-source.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'confined-')));
const dir = join(base, 'files');
const outside = join(base, 'outside');

const context = (notes: (string | undefined)[] = []): TaskContext => ({
  connectorName: 'c',
  taskId: 0,
  fileDirectory: dir,
  mapAddress: (a) => a,
  offset: () => undefined,
  log: () => undefined,
  setStatusNote: (note) => notes.push(note),
});

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('not refused');
};

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('confinedPath', () => {
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'passwd'), 'root:x:0:0\n');
    symlinkSync(join(outside, 'passwd'), join(dir, 'link.txt'));
    symlinkSync(outside, join(dir, 'out-dir'));
    symlinkSync(join(outside, 'not-yet.txt'), join(dir, 'dangling.txt'));
    mkdirSync(join(dir, 'inner'));
    symlinkSync(join(dir, 'inner'), join(dir, 'inner-link'));
  });

  it('maps absolute tutorial paths into the folder and keeps relative ones there', () => {
    expect(confinedPath(dir, '/tmp/input.txt')).toBe(join(dir, 'tmp', 'input.txt'));
    expect(confinedPath(dir, 'a/b.txt')).toBe(join(dir, 'a', 'b.txt'));
  });

  it('refuses ../ escapes', () => {
    expect(refused(() => confinedPath(dir, '../../etc/passwd')).message).toMatch(/^file \.\.\/\.\.\/etc\/passwd resolves to .*, outside the connector file directory/);
    refused(() => confinedPath(dir, '/../../etc/passwd'));
    refused(() => confinedPath(dir, 'a/../../x'));
  });

  it('refuses a symlinked file, a symlinked folder and a dangling symlink pointing out', () => {
    const error = refused(() => confinedPath(dir, 'link.txt'));
    expect(error.message).toContain(`resolves through a symlink to ${join(outside, 'passwd')}`);
    expect(error.hint).toContain('copy the file there');
    refused(() => confinedPath(dir, 'out-dir/passwd'));
    refused(() => confinedPath(dir, 'out-dir/new/file.txt'));
    expect(refused(() => confinedPath(dir, 'dangling.txt')).message).toContain('dangling symlink');
  });

  it('allows symlinks that stay inside and returns the real path', () => {
    expect(confinedPath(dir, 'inner-link/x.txt')).toBe(join(dir, 'inner', 'x.txt'));
  });
});

describe('file connectors and symlinks', () => {
  it('the source refuses to read link.txt -> a file outside, with a trace-worthy error', async () => {
    const task = fileSourcePlugin.createTask();
    await expect(task.start({ file: 'link.txt', topic: 't' }, context())).rejects.toThrow(/outside the connector file directory/);
  });

  it('the sink refuses to write through link.txt or a symlinked folder; the outside file is untouched', async () => {
    for (const file of ['link.txt', 'out-dir/passwd', 'out-dir/created.txt']) {
      const task = fileSinkPlugin.createTask();
      await expect(task.start({ file }, context())).rejects.toThrow(ConnectorError);
    }
    expect(readFileSync(join(outside, 'passwd'), 'utf8')).toBe('root:x:0:0\n');
  });

  it('the source says where a missing input file is expected, then reads it once it appears', async () => {
    const notes: (string | undefined)[] = [];
    const task = fileSourcePlugin.createTask();
    await task.start({ file: '/tmp/input.txt', topic: 't' }, context(notes));
    expect(notes).toEqual([`WARNING: input file /tmp/input.txt resolves to ${join(dir, 'tmp', 'input.txt')}, which does not exist: copy the file there (file connectors are confined to ${dir}); the task reads it as soon as it appears`]);
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', 'input.txt'), 'one\ntwo\n');
    expect((await task.poll()).map((r) => r.value)).toEqual(['one', 'two']);
    expect(notes.at(-1)).toBe(`reading /tmp/input.txt from ${join(dir, 'tmp', 'input.txt')} (file connectors are confined to ${dir})`);
    await task.stop();
  });

  it('the sink says where it writes', async () => {
    const notes: (string | undefined)[] = [];
    const task = fileSinkPlugin.createTask();
    await task.start({ file: '/tmp/out.txt' }, context(notes));
    expect(notes).toEqual([`writing /tmp/out.txt to ${join(dir, 'tmp', 'out.txt')} (file connectors are confined to ${dir})`]);
    await task.stop();
  });
});
