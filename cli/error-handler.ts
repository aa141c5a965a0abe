import type { Command, CommanderError } from 'commander';
import { ConfigError, InterruptedError, SandboxError } from '../runtime/core/errors.js';

/**
 * Maps an error that ends the CLI to output and an exit code: user errors get their message, problems
 * and hint; anything else is a bug and gets its stack trace.
 */
export function reportFatal(error: unknown, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  if (error instanceof InterruptedError) {
    write(`${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof SandboxError) {
    const lines = [`error: ${error.message}`];
    if (error instanceof ConfigError) lines.push(...error.problems.map((problem) => `  ${problem}`));
    if (error.hint) lines.push(`hint: ${error.hint}`);
    lines.push(
      ...error.nextSteps.map((step) =>
        step
          .split('\n')
          .map((line) => `  ${line}`)
          .join('\n'),
      ),
    );
    write(`${lines.join('\n')}\n`);
    return error.exitCode;
  }
  write(`kafka-sandbox hit a bug; please report it with this trace:\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}

/**
 * Makes every command of the tree throw a `CommanderError` instead of calling `process.exit`:
 * commander copies `exitOverride` only into commands created after it is set, so set it on each.
 */
export function overrideExits(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) overrideExits(sub);
}

/** A commander error's exit code: 0 for --help and --version, 2 for every usage error (unknown command or option, missing or invalid argument). */
export function usageExitCode(error: CommanderError): number {
  return error.exitCode === 0 ? 0 : 2;
}

/** Exit codes of a CLI ended by a signal, after its cleanup: 128 + the signal number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface SignalTracker {
  /** The first SIGINT or SIGTERM the process received, if any. */
  readonly received: StopSignal | undefined;
  /**
   * The exit code for a run that returned `code`: after a signal, a clean stop (0) or an
   * `InterruptedError` (130) becomes that signal's code (130 or 143); any other failure keeps its own.
   */
  exitCode(code: number): number;
}

type SignalProcess = Pick<NodeJS.Process, 'on' | 'listenerCount' | 'exit'>;

/**
 * Records SIGINT and SIGTERM for the exit code. A command that stops cleanly on a signal installs its
 * own listener; while none does, the signal ends the process at once with its code, as it would
 * without any listener.
 */
export function trackSignals(proc: SignalProcess = process): SignalTracker {
  let received: StopSignal | undefined;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
    proc.on(signal, () => {
      received ??= signal;
      if (proc.listenerCount(signal) <= 1) proc.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
  return {
    get received() {
      return received;
    },
    exitCode: (code) => (received !== undefined && (code === 0 || code === SIGNAL_EXIT_CODES.SIGINT) ? SIGNAL_EXIT_CODES[received] : code),
  };
}
