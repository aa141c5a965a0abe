import type { SandboxContext } from '../sandbox-context.js';

/** The handle's a service's container log (tail, follow). */
export class SandboxLogs {
  constructor(private readonly ctx: SandboxContext) {}
}
