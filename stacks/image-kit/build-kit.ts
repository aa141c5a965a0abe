import { cp, mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StackError } from '../../runtime/core/errors.js';
import { buildBaseImage } from './base-image.js';
import { dockerBuild, imageExists } from './docker-cli.js';
import { kitFolders } from '../images.js';
import { kitPlan, type KitImagePlan } from './kit-plan.js';
import { resolveMavenInput } from './maven.js';
import { kitDir } from './kit-dir.js';
import { requireTools } from './required-tools.js';

export type KitEvent =
  | { kind: 'present'; tag: string }
  | { kind: 'building'; tag: string; step: string }
  | { kind: 'built'; tag: string; ms: number };

export interface BuildKitOptions {
  /** Only these kit folders (and the base); default all. */
  only?: string[];
  /** Rebuild even when the tag is present. */
  force?: boolean;
  onEvent?: (event: KitEvent) => void;
}

/** Scratch space for debootstrap roots and build contexts; removed after each build. */
export function kitWorkDir(): string {
  return process.env.KAFKA_SANDBOX_CACHE ?? join(homedir(), '.cache', 'kafka-sandbox', 'kit');
}

async function buildKitImage(image: KitImagePlan, baseTag: string, workDir: string, emit: (step: string) => void) {
  const context = join(workDir, `${image.folder}-context`);
  await rm(context, { recursive: true, force: true });
  try {
    await cp(kitDir(image.folder), context, { recursive: true });
    for (const [index, input] of image.maven.entries()) {
      emit(`resolving ${input.archive ?? input.jars?.[0]} from Maven`);
      await resolveMavenInput(input, context, join(workDir, `${image.folder}-maven-${index}`));
    }
    emit('docker build');
    await dockerBuild(context, image.tag, { BASE: baseTag });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/**
 * Builds every offline kit image that is not present yet (see stacks/kit/README.md). A second call
 * with nothing changed only inspects tags and returns in about a second.
 */
export async function buildKit(options: BuildKitOptions = {}): Promise<string[]> {
  const allFolders = [...new Set(Object.values(kitFolders))];
  const unknown = (options.only ?? []).filter((folder) => !allFolders.includes(folder));
  if (unknown.length) {
    throw new StackError(`unknown kit image ${unknown.join(', ')}`, { hint: `Kit images: ${allFolders.join(', ')}.`, exitCode: 2 });
  }
  const plan = kitPlan(options.only);
  const emit = options.onEvent ?? (() => {});
  const { images } = plan;
  const missing: KitImagePlan[] = [];
  for (const image of images) {
    if (!options.force && (await imageExists(image.tag))) emit({ kind: 'present', tag: image.tag });
    else missing.push(image);
  }
  if (missing.length === 0) return images.map((image) => image.tag);

  const workDir = kitWorkDir();
  await mkdir(workDir, { recursive: true });
  await requireTools(['docker', 'mvn', 'tar', 'unzip']);
  if (options.force || !(await imageExists(plan.base.tag))) {
    await requireTools(['debootstrap']);
    if (process.getuid?.() !== 0) {
      throw new StackError('building the base image needs root (debootstrap chroots)', {
        hint: 'Run `sudo npx kafka-sandbox images build`, or use the official images (`--images official`).',
      });
    }
    const started = Date.now();
    emit({ kind: 'building', tag: plan.base.tag, step: `debootstrap Debian ${plan.base.suite}` });
    await buildBaseImage(plan.base.tag, plan.base.suite, plan.base.packages, workDir);
    emit({ kind: 'built', tag: plan.base.tag, ms: Date.now() - started });
  }
  for (const image of missing) {
    const started = Date.now();
    await buildKitImage(image, plan.base.tag, workDir, (step) => emit({ kind: 'building', tag: image.tag, step }));
    emit({ kind: 'built', tag: image.tag, ms: Date.now() - started });
  }
  return images.map((image) => image.tag);
}
