import type { TestProject } from 'vitest/node';
import { buildMissingImages, chooseImageSetHere } from '../../stacks/choose-image-set.js';
import type { ImageSetName } from '../../stacks/images.js';
import { readSandboxState, type Endpoints, type SandboxState } from '../../stacks/sandbox-state.js';
import { startSandbox } from '../../app/start-sandbox.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoints of the one shared full stack of this test run. */
    endpoints: Endpoints;
    sandboxState: SandboxState;
    imageSet: ImageSetName;
  }
}

const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);

/**
 * The image set for tests, by the rule `up` uses (stacks/choose-image-set.ts): KAFKA_SANDBOX_IMAGES
 * if set, else official where a registry answers, else offline; offline images missing from the
 * whole kit are built on the spot (a no-op when every kit image is present).
 */
export async function ensureTestImages(): Promise<ImageSetName> {
  const choice = await chooseImageSetHere();
  log(choice.reason);
  process.env.KAFKA_SANDBOX_IMAGES = choice.set;
  await buildMissingImages(choice, undefined, log, (event) => log(event.kind === 'building' ? `${event.tag}: ${event.step}` : `${event.tag} ${event.kind}`));
  return choice.set;
}

/**
 * Starts the one shared full stack (KRaft, 3 brokers, every service) for all integration tests.
 * For development, KAFKA_SANDBOX_TEST_SANDBOX=<name> runs them against a sandbox already started
 * with `kafka-sandbox up --detach --name <name>` instead (left running afterwards).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const existing = process.env.KAFKA_SANDBOX_TEST_SANDBOX;
  if (existing) {
    const state = await readSandboxState(existing);
    if (!state) throw new Error(`KAFKA_SANDBOX_TEST_SANDBOX=${existing}, but no sandbox of that name is running (start it with \`kafka-sandbox up --detach --name ${existing}\`)`);
    process.env.KAFKA_SANDBOX_IMAGES = state.images;
    project.provide('endpoints', state.endpoints);
    project.provide('sandboxState', state);
    project.provide('imageSet', state.images);
    return async () => undefined;
  }
  const imageSet = await ensureTestImages();
  const sandbox = await startSandbox({
    name: `it-${process.pid}`,
    images: imageSet,
    ports: 'random',
    onEvent: (event) => log(`${(event.elapsedMs / 1000).toFixed(1)}s ${event.service} ${event.state} ${event.message ?? ''}`),
  });
  project.provide('endpoints', sandbox.endpoints);
  project.provide('sandboxState', sandbox.state);
  project.provide('imageSet', imageSet);
  return async () => {
    await sandbox.stop();
  };
}
