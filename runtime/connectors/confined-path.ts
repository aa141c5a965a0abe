import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ConnectorError } from '../core/errors.js';

/**
 * `file` resolved inside `directory`, chroot style: an absolute path from a tutorial
 * (`/tmp/test.sink.txt`) lands at `<directory>/tmp/test.sink.txt`. Refused (ConnectorError, not
 * retriable) when it escapes through `..` or a symlinked folder.
 */
export function confinedPath(directory: string, file: string): string {
  mkdirSync(directory, { recursive: true });
  const root = realpathSync(directory);
  const target = resolve(root, isAbsolute(file) ? `.${file.replace(/^[/\\]+/, '/')}` : file);
  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (!inside(target)) throw new ConnectorError(`file ${file} is outside the connector file directory ${root}`, { retriable: false });
  let parent: string;
  try {
    parent = realpathSync(dirname(target));
  } catch {
    return target;
  }
  if (parent !== root && !inside(parent)) throw new ConnectorError(`file ${file} is outside the connector file directory ${root}`, { retriable: false });
  return target;
}

/** For validation: a path that climbs out of the directory whatever the directory is. */
export function escapesDirectory(file: string): boolean {
  const parts: string[] = [];
  for (const part of file.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return true;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0;
}
