import type { SandboxContext } from '../sandbox-context.js';

/** The handle's topics (list, describe, create, apply, delete, produce, consume). */
export class SandboxTopics {
  constructor(private readonly ctx: SandboxContext) {}
}
