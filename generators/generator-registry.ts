import type { GeneratorSpec } from './core/event-model.js';
import { clickstreamGenerator } from './models/clickstream.js';
import { orderEventsGenerator } from './models/order-events.js';
import { userEventsGenerator } from './models/user-events.js';

/**
 * Generators by name. An explicit instance, not a global: tests build a fresh one, and a YAML
 * definition registers its generator in the registry of the run that loaded it.
 */
export class GeneratorRegistry {
  private readonly specs = new Map<string, GeneratorSpec>();

  register(spec: GeneratorSpec): this {
    if (this.specs.has(spec.name)) throw new Error(`generator "${spec.name}" is already registered`);
    this.specs.set(spec.name, spec);
    return this;
  }

  get(name: string): GeneratorSpec | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  list(): GeneratorSpec[] {
    return [...this.specs.values()];
  }
}

/** A registry with the built-in generators: clickstream, user-events, order-events. */
export function builtinGenerators(): GeneratorRegistry {
  return new GeneratorRegistry().register(clickstreamGenerator).register(userEventsGenerator).register(orderEventsGenerator);
}
