import type { SandboxContext } from '../sandbox-context.js';

/** The handle's generator runs (start, progress, stop, ledger). */
export class SandboxGenerators {
  constructor(private readonly ctx: SandboxContext) {}
}
