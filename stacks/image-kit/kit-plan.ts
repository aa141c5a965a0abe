import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kitFolders, kitImagePrefix, kitVersions, serviceRoles, type ServiceRole } from '../images.js';
import { kitDir } from './kit-dir.js';

/** One Maven input of a kit image (see stacks/kit/README.md). */
export interface MavenInput {
  /** Folder inside the build context that receives the files. */
  into: string;
  /** Coordinates resolved with all runtime dependencies into `into`, flat. */
  jars?: string[];
  /** `G:A:V:TYPE:CLASSIFIER` of a tar.gz or zip, extracted into `into`. */
  archive?: string;
  /** File-name globs removed from `into` after resolution. */
  exclude?: string[];
}

export interface KitImagePlan {
  folder: string;
  roles: ServiceRole[];
  /** `kafka-sandbox/<folder>:<hash>`. */
  tag: string;
  maven: MavenInput[];
}

export interface KitPlan {
  base: { tag: string; packages: string[]; suite: string };
  images: KitImagePlan[];
}

/** Replaces `${name}` with the pinned version from stacks/images.ts; unknown names are a bug. */
export function substituteVersions(text: string, file: string): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = (kitVersions as Record<string, string>)[name];
    if (value === undefined) throw new Error(`${file}: unknown version placeholder \${${name}}`);
    return value;
  });
}

function hashFolder(hash: ReturnType<typeof createHash>, root: string, dir = root): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.md')) continue; // documentation only: editing it must not rebuild an image
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      hashFolder(hash, root, path);
    } else {
      hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  }
}

const shortHash = (hash: ReturnType<typeof createHash>) => hash.digest('hex').slice(0, 12);

/**
 * Computes every kit image's tag from its inputs (base packages, its folder's files, its resolved
 * Maven inputs). Cheap: reads a few small files, no Docker and no network.
 */
export function kitPlan(only?: readonly string[]): KitPlan {
  const packages = readFileSync(kitDir('base', 'packages.txt'), 'utf8').split(/\s+/).filter(Boolean);
  const baseHash = createHash('sha256').update(kitVersions.debianSuite).update('\0').update(packages.join(','));
  const base = { tag: `${kitImagePrefix}base:${shortHash(baseHash)}`, packages, suite: kitVersions.debianSuite };

  const folders = [...new Set(Object.values(kitFolders))].filter((folder) => !only || only.includes(folder));
  const images = folders.map((folder): KitImagePlan => {
    const mavenFile = kitDir(folder, 'maven.json');
    const maven = existsSync(mavenFile)
      ? (JSON.parse(substituteVersions(readFileSync(mavenFile, 'utf8'), mavenFile)) as MavenInput[])
      : [];
    const hash = createHash('sha256').update(base.tag).update('\0').update(JSON.stringify(maven));
    hashFolder(hash, kitDir(folder));
    const roles = serviceRoles.filter((role) => kitFolders[role] === folder);
    return { folder, roles, tag: `${kitImagePrefix}${folder}:${shortHash(hash)}`, maven };
  });
  return { base, images };
}

/** The kit tag of the image that serves `role`. */
export function kitTagFor(role: ServiceRole, plan: KitPlan = kitPlan()): string {
  const image = plan.images.find((candidate) => candidate.roles.includes(role));
  if (!image) throw new Error(`no kit image serves ${role}`);
  return image.tag;
}
