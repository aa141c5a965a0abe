import { ImageName } from 'testcontainers';
import { StackError } from '../runtime/core/errors.js';
import { requireDockerEngine } from './docker-engine.js';
import type { ImageSetName } from './images.js';

/**
 * Makes sure every image is present before any container starts: offline images must have been
 * built; official images are pulled (in parallel). One error lists every image that is missing.
 */
export async function ensureImages(set: ImageSetName, refs: string[]): Promise<void> {
  const client = await requireDockerEngine();
  const unique = [...new Set(refs)];
  const missing: string[] = [];
  await Promise.all(
    unique.map(async (ref) => {
      const name = ImageName.fromString(ref);
      if (await client.image.exists(name)) return;
      if (set === 'offline') return void missing.push(ref);
      try {
        await client.image.pull(name);
      } catch {
        missing.push(ref);
      }
    }),
  );
  if (missing.length === 0) return;
  missing.sort();
  throw set === 'offline'
    ? new StackError(`offline images are missing: ${missing.join(', ')}`, {
        hint: 'Build them with `kafka-sandbox images build` (Debian packages and Maven Central only; needs root, mvn and debootstrap).',
      })
    : new StackError(`cannot pull ${missing.join(', ')}: no container registry answered`, {
        hint: 'Without a registry (air-gapped, CI), build the offline images with `kafka-sandbox images build` and start with `--images offline` (or KAFKA_SANDBOX_IMAGES=offline).',
      });
}
