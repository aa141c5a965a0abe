import type { SandboxContext } from '../sandbox-context.js';

/** The handle's Schema Registry (subjects, versions, compatibility). */
export class SandboxRegistry {
  constructor(private readonly ctx: SandboxContext) {}
}
