import type { SandboxRecord } from '../core/record.js';
import { createTransformChain, TransformError } from '../transforms/transform-registry.js';

/** Applies a connector's `transforms` in order; a transform returning null drops the record. */
export interface TransformChain {
  apply<R extends SandboxRecord>(record: R): R | null;
  /** Connect class name of the transform that threw last, for DLQ headers. */
  readonly lastClassName: string | undefined;
}

/** The connector's chain (runtime/transforms); throws ConfigError listing every bad transform key. */
export function createChain(config: Readonly<Record<string, string>>): TransformChain {
  const chain = createTransformChain(config);
  const state: TransformChain = {
    lastClassName: undefined,
    apply<R extends SandboxRecord>(record: R): R | null {
      try {
        return chain(record);
      } catch (error) {
        (state as { lastClassName: string | undefined }).lastClassName = error instanceof TransformError ? error.className : undefined;
        throw error;
      }
    },
  };
  return state;
}
