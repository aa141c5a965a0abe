import { ConfigError } from '../runtime/core/errors.js';
import { imageSetNames, kitKafkaVersion, officialImages, serviceRoles, type ImageChoice, type ImageSetName, type ServiceRole } from './images.js';
import { kitPlan, kitTagFor } from './image-kit/kit-plan.js';

export type ImageSet = { name: ImageSetName } & Record<ServiceRole, ImageChoice>;

/** The concrete image for every role in the named set. Offline tags are computed from the kit. */
export function resolveImageSet(name: ImageSetName): ImageSet {
  const plan = name === 'offline' ? kitPlan() : undefined;
  const entries = serviceRoles.map((role): [ServiceRole, ImageChoice] => {
    if (plan) {
      const kafkaVersion = kitKafkaVersion(role);
      return [role, { role, ref: kitTagFor(role, plan), flavor: 'sandbox', ...(kafkaVersion ? { kafkaVersion } : {}) }];
    }
    return [role, { role, ...officialImages[role] }];
  });
  return { name, ...(Object.fromEntries(entries) as Record<ServiceRole, ImageChoice>) };
}

/** `--images` flag, then `KAFKA_SANDBOX_IMAGES`, then `fallback`. Unknown names are a ConfigError. */
export function imageSetName(flag: string | undefined, fallback: ImageSetName = 'official'): ImageSetName {
  const value = flag ?? process.env.KAFKA_SANDBOX_IMAGES ?? fallback;
  if (!(imageSetNames as readonly string[]).includes(value)) {
    throw new ConfigError(`unknown image set "${value}"`, { hint: `Use one of: ${imageSetNames.join(', ')}.` });
  }
  return value as ImageSetName;
}

/** True when Docker Hub answers within a few seconds, i.e. official images can probably be pulled. */
export async function registryAnswers(timeoutMs = 3000): Promise<boolean> {
  try {
    await fetch('https://registry-1.docker.io/v2/', { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
