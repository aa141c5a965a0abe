/**
 * Errors that reach the user. The CLI prints `message`, then `hint` and `nextSteps`, and exits with
 * `exitCode`; only errors that are not a `SandboxError` (bugs) get a stack trace.
 * The runtime reads `retriable` to decide whether to try again.
 */
export interface SandboxErrorOptions {
  /** One line on what to do about it. */
  hint?: string;
  /** Further commands or links worth trying, one per entry. */
  nextSteps?: string[];
  /** True when the same call may succeed later (a broker restarting, a port in use for a moment). */
  retriable?: boolean;
  /** Process exit code when this error ends the CLI. */
  exitCode?: number;
  cause?: unknown;
}

export class SandboxError extends Error {
  readonly hint: string | undefined;
  readonly nextSteps: string[];
  readonly retriable: boolean;
  readonly exitCode: number;

  constructor(message: string, options: SandboxErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.nextSteps = options.nextSteps ?? [];
    this.retriable = options.retriable ?? false;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad input from the user: flags, YAML, configs. Exit code 2. */
export class ConfigError extends SandboxError {
  /** Every problem found, each already formatted as `file:line:col message` where a position is known. */
  readonly problems: string[];

  constructor(message: string, options: SandboxErrorOptions & { problems?: string[] } = {}) {
    super(message, { exitCode: 2, ...options });
    this.problems = options.problems ?? [];
  }
}

/** A container, image or engine problem: the stack could not start or be reached. Exit code 1. */
export class StackError extends SandboxError {}

/** A connector or task failed. */
export class ConnectorError extends SandboxError {}

/** A scenario's expectation did not hold. */
export class ScenarioAssertionError extends SandboxError {}

/** Ctrl-C: cleanup has run; exit code 130. */
export class InterruptedError extends SandboxError {
  constructor(message = 'Interrupted') {
    super(message, { exitCode: 130 });
  }
}
