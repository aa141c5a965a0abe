import { buildKit, type KitEvent } from '../../stacks/image-kit/build-kit.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';

function describe(event: KitEvent): string {
  switch (event.kind) {
    case 'present':
      return `✓ ${event.tag} (present)`;
    case 'building':
      return `… ${event.tag}: ${event.step}`;
    case 'built':
      return `✓ ${event.tag} (built in ${(event.ms / 1000).toFixed(1)} s)`;
  }
}

/** `kafka-sandbox images build`: builds the offline image set, skipping images already present. */
export async function imagesBuild(options: { only?: string; force?: boolean }): Promise<void> {
  await requireDockerEngine();
  const started = Date.now();
  const tags = await buildKit({
    ...(options.only ? { only: options.only.split(',').map((name) => name.trim()) } : {}),
    force: options.force ?? false,
    onEvent: (event) => console.log(describe(event)),
  });
  console.log(`${tags.length} offline images ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
