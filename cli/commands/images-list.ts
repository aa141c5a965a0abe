import { imageExists } from '../../stacks/image-kit/docker-cli.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { imageSetNames, serviceRoles } from '../../stacks/images.js';
import { resolveImageSet } from '../../stacks/image-set.js';

/** `kafka-sandbox images list`: both image sets, one row per role, with local presence. */
export async function imagesList(options: { json?: boolean }): Promise<void> {
  await requireDockerEngine();
  const rows = [];
  for (const set of imageSetNames) {
    const images = resolveImageSet(set);
    for (const role of serviceRoles) {
      const { ref } = images[role];
      rows.push({ set, role, ref, present: await imageExists(ref) });
    }
  }
  if (options.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  const width = Math.max(...rows.map((row) => row.ref.length));
  for (const set of imageSetNames) {
    console.log(`${set}${set === 'official' ? ' (default; KAFKA_SANDBOX_IMAGES or --images to change)' : ' (kafka-sandbox images build)'}`);
    for (const row of rows.filter((candidate) => candidate.set === set)) {
      console.log(`  ${row.role.padEnd(15)} ${row.ref.padEnd(width)}  ${row.present ? 'present' : 'missing'}`);
    }
  }
}
