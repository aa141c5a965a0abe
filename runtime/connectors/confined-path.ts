import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConnectorError } from '../core/errors.js';

const isInside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** The closest existing path at or above `path` (lstat: a symlink counts as existing). */
function closestExisting(path: string): string {
  for (let current = path; ; current = dirname(current)) {
    try {
      lstatSync(current);
      return current;
    } catch {
      if (dirname(current) === current) return current;
    }
  }
}

/**
 * `file` resolved inside `directory`, chroot style: an absolute path from a tutorial
 * (`/tmp/test.sink.txt`) lands at `<directory>/tmp/test.sink.txt`. Returns the *real* path (every
 * symlink resolved; for a file that does not exist yet, its closest existing parent's real path
 * plus the rest), so reads and writes go exactly where the check looked. Refused (ConnectorError,
 * not retriable) when it escapes the directory through `..`, a symlinked file or folder, or a
 * dangling symlink.
 */
export function confinedPath(directory: string, file: string): string {
  mkdirSync(directory, { recursive: true });
  const root = realpathSync(directory);
  const target = resolve(root, isAbsolute(file) ? `.${file.replace(/^[/\\]+/, '/')}` : file);
  const outside = (where: string) =>
    new ConnectorError(`file ${file} ${where}, outside the connector file directory ${root}`, {
      retriable: false,
      hint: `file connectors read and write only inside ${root}: copy the file there (a symlink pointing out of it is refused), or give the worker another folder (connect worker --file-dir DIR)`,
    });
  if (!isInside(root, target)) throw outside(`resolves to ${target}`);
  const existing = closestExisting(target);
  let real: string;
  try {
    real = join(realpathSync(existing), relative(existing, target));
  } catch {
    // lstat saw it, realpath cannot follow it: a symlink to something that does not exist.
    throw outside(`is (or goes through) the dangling symlink ${existing}`);
  }
  if (!isInside(root, real)) throw outside(`resolves through a symlink to ${real}`);
  return real;
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
