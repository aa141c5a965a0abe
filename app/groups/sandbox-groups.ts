import type { SandboxContext } from '../sandbox-context.js';

/** The handle's consumer groups (list, describe with lag per partition, reset offsets). */
export class SandboxGroups {
  constructor(private readonly ctx: SandboxContext) {}
}
