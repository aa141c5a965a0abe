import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { ConfigError } from '../../runtime/core/errors.js';
import type { GeneratorSpec } from '../../generators/core/event-model.js';
import { loadDefinitionFile } from '../../generators/definition/definition-file.js';
import { parseGenerateOptions, type GenerateOptions, type RawGenerateOptions } from '../../generators/generate-options.js';
import { builtinGenerators } from '../../generators/generator-registry.js';

/**
 * Which generator runs: a built-in name (`clickstream`), a YAML definition file (a name ending in
 * `.yaml`/`.yml`, or `{ definition }`, optionally with the `name` it must define), or your own spec.
 */
export type GeneratorSource = string | GeneratorSpec | { definition: string; name?: string };

/** A generator and its validated options: what a run needs, resolved before anything is touched. */
export interface PreparedGeneration {
  spec: GeneratorSpec;
  options: GenerateOptions;
}

/** A built-in generator, for `sandbox.generate.list()`. */
export interface GeneratorListing {
  name: string;
  description: string;
  defaultTopic: string;
}

export function isPreparedGeneration(value: unknown): value is PreparedGeneration {
  return typeof value === 'object' && value !== null && 'spec' in value && 'options' in value;
}

export function generatorListings(): GeneratorListing[] {
  return builtinGenerators()
    .list()
    .map((spec) => ({ name: spec.name, description: spec.description, defaultTopic: spec.defaultTopic }));
}

/** Finds the generator: an unknown name is a ConfigError with a did-you-mean; a definition's mistakes come as `file:line:col`. */
export async function resolveGenerator(source: GeneratorSource): Promise<GeneratorSpec> {
  if (typeof source === 'object' && 'create' in source) return source;
  if (typeof source === 'string' && /\.ya?ml$/i.test(source)) return resolveGenerator({ definition: source });
  if (typeof source === 'object') {
    const spec = await loadDefinitionFile(source.definition);
    if (source.name !== undefined && source.name !== spec.name)
      throw new ConfigError(`--definition ${source.definition} defines generator "${spec.name}", not "${source.name}"`, { hint: 'Leave the generator name out when you pass --definition.' });
    return spec;
  }
  const registry = builtinGenerators();
  const names = registry.names();
  const spec = registry.get(source);
  if (!spec) throw new ConfigError(`unknown generator "${source}"${didYouMean(source, names)}`, { hint: `Generators: ${names.join(', ')}; or your own with --definition FILE.` });
  return spec;
}

/**
 * Resolves the generator and validates its options (every problem at once, ConfigError exit 2).
 * Without `seed` a random one is picked, without `startTime` it is now: both are in the ledger.
 */
export async function prepareGeneration(source: GeneratorSource, raw: RawGenerateOptions = {}, now = Date.now()): Promise<PreparedGeneration> {
  const spec = await resolveGenerator(source);
  return { spec, options: parseGenerateOptions(raw, { topic: spec.defaultTopic, now }) };
}
