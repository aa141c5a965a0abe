import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/core/errors.js';
import { buildsMissingImages, chooseImageSet } from './choose-image-set.js';

/** A registry probe that answers `answer` and counts how often it was asked. */
function probe(answer: boolean) {
  const calls = { count: 0 };
  return { calls, registryAnswers: async () => (calls.count++, answer) };
}

describe('chooseImageSet', () => {
  it('takes the images option first, without probing a registry', async () => {
    const p = probe(true);
    const choice = await chooseImageSet({ images: 'offline', env: 'official', registryAnswers: p.registryAnswers });
    expect(choice).toMatchObject({ set: 'offline', source: 'option' });
    expect(p.calls.count).toBe(0);
    expect(buildsMissingImages(choice)).toBe(false);
  });

  it('then KAFKA_SANDBOX_IMAGES, without probing', async () => {
    const p = probe(true);
    const choice = await chooseImageSet({ env: 'offline', registryAnswers: p.registryAnswers });
    expect(choice).toEqual({ set: 'offline', source: 'env', reason: 'KAFKA_SANDBOX_IMAGES=offline: using the offline images' });
    expect(p.calls.count).toBe(0);
    expect(buildsMissingImages(choice)).toBe(true);
  });

  it('then the official images when a registry answers', async () => {
    const choice = await chooseImageSet({ env: '', registryAnswers: probe(true).registryAnswers });
    expect(choice).toMatchObject({ set: 'official', source: 'registry', reason: 'a container registry answered: using the official images' });
    expect(buildsMissingImages(choice)).toBe(false);
  });

  it('else the offline images, built when missing', async () => {
    const choice = await chooseImageSet({ registryAnswers: probe(false).registryAnswers });
    expect(choice).toEqual({ set: 'offline', source: 'no-registry', reason: 'no registry answered: using the offline images' });
    expect(buildsMissingImages(choice)).toBe(true);
  });

  it('rejects unknown set names from the option and the environment', async () => {
    await expect(chooseImageSet({ images: 'docker-hub', registryAnswers: probe(true).registryAnswers })).rejects.toThrow(ConfigError);
    await expect(chooseImageSet({ env: 'offlne', registryAnswers: probe(true).registryAnswers })).rejects.toThrow(/unknown image set "offlne"/);
  });
});
