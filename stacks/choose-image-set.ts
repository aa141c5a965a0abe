import { buildKit, type KitEvent } from './image-kit/build-kit.js';
import { imageExists } from './image-kit/docker-cli.js';
import { kitPlan } from './image-kit/kit-plan.js';
import type { ImageSetName } from './images.js';
import { imageSetName, registryAnswers } from './image-set.js';

/** Why a set was picked: asked for (`option`, `env`), or by probing a registry. */
export type ImageSetSource = 'option' | 'env' | 'registry' | 'no-registry';

/** The image set a sandbox (or the test suite) runs, and why, in words for a `notice`. */
export interface ImageSetChoice {
  set: ImageSetName;
  source: ImageSetSource;
  reason: string;
}

export interface ImageSetInputs {
  /** The `images` option (`--images`); wins when given. */
  images?: string | undefined;
  /** `KAFKA_SANDBOX_IMAGES`; used when `images` is not given. */
  env?: string | undefined;
  /** Resolves true when a container registry answers; asked only when neither of the above is set. */
  registryAnswers: () => Promise<boolean>;
}

/**
 * The rule `npm test` and `up` share: the `images` option, else `KAFKA_SANDBOX_IMAGES`, else the
 * official images when a registry answers, else the offline ones. No Docker, no network of its own
 * (the probe is injected); unknown names are a ConfigError.
 */
export async function chooseImageSet(inputs: ImageSetInputs): Promise<ImageSetChoice> {
  if (inputs.images !== undefined) {
    const set = imageSetName(inputs.images);
    return { set, source: 'option', reason: `using the ${set} images (asked for with --images)` };
  }
  if (inputs.env !== undefined && inputs.env !== '') {
    const set = imageSetName(inputs.env);
    return { set, source: 'env', reason: `KAFKA_SANDBOX_IMAGES=${set}: using the ${set} images` };
  }
  if (await inputs.registryAnswers()) {
    return { set: 'official', source: 'registry', reason: 'a container registry answered: using the official images' };
  }
  return { set: 'offline', source: 'no-registry', reason: 'no registry answered: using the offline images' };
}

/** `chooseImageSet` with the real environment: `KAFKA_SANDBOX_IMAGES` and a Docker Hub probe. */
export function chooseImageSetHere(images?: string): Promise<ImageSetChoice> {
  return chooseImageSet({ images, env: process.env.KAFKA_SANDBOX_IMAGES, registryAnswers: () => registryAnswers() });
}

/** Offline images are built on the spot unless the caller named the set itself (then a missing one is an error with a hint). */
export function buildsMissingImages(choice: ImageSetChoice): boolean {
  return choice.set === 'offline' && choice.source !== 'option';
}

/** The kit folders (stacks/kit/<folder>) whose images among `refs` (default: every kit image) are missing. */
export async function missingKitFolders(refs?: readonly string[]): Promise<string[]> {
  const plan = kitPlan();
  const wanted = plan.images.filter((image) => !refs || refs.includes(image.tag));
  const present = await Promise.all(wanted.map((image) => imageExists(image.tag)));
  return wanted.filter((_, index) => !present[index]).map((image) => image.folder);
}

/**
 * Builds the missing offline images among `refs` (default: the whole kit) when `choice` allows it;
 * `notice` gets one line such as "building 2 missing offline images (connect, schema-registry)",
 * `onKitEvent` every build step. Returns the folders built. A no-op for the official set.
 */
export async function buildMissingImages(
  choice: ImageSetChoice,
  refs: readonly string[] | undefined,
  notice: (message: string) => void,
  onKitEvent: (event: KitEvent) => void = () => {},
): Promise<string[]> {
  if (!buildsMissingImages(choice)) return [];
  const folders = await missingKitFolders(refs);
  if (folders.length === 0) return [];
  notice(`building ${folders.length} missing offline image${folders.length === 1 ? '' : 's'} (${folders.join(', ')}); see \`kafka-sandbox images build\``);
  await buildKit({ only: folders, onEvent: onKitEvent });
  return folders;
}
