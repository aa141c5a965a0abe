import type { SandboxContext } from '../sandbox-context.js';

/** The handle's stream jobs (start in-process or detached, status, stop). */
export class SandboxJobs {
  constructor(private readonly ctx: SandboxContext) {}
}
