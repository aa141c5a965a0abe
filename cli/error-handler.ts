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
    lines.push(...error.nextSteps.map((step) => step.split('\n').map((line) => `  ${line}`).join('\n')));
    write(`${lines.join('\n')}\n`);
    return error.exitCode;
  }
  write(`kafka-sandbox hit a bug; please report it with this trace:\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 70;
}
