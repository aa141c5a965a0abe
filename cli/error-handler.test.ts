import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConfigError, InterruptedError, StackError } from '../runtime/core/errors.js';
import { reportFatal, trackSignals } from './error-handler.js';
import { buildProgram, main } from './main.js';

function capture(error: unknown) {
  let text = '';
  const code = reportFatal(error, (chunk) => (text += chunk));
  return { code, text };
}

describe('reportFatal', () => {
  it('prints a user error with its problems and hint, no stack, exit code 2', () => {
    const { code, text } = capture(new ConfigError('Invalid stack file s.yaml (1 problem)', { problems: ['s.yaml:3:5 unknown key'], hint: 'fix it' }));
    expect(code).toBe(2);
    expect(text).toBe('error: Invalid stack file s.yaml (1 problem)\n  s.yaml:3:5 unknown key\nhint: fix it\n');
  });

  it('uses exit code 1 for stack errors and 130 for interrupts', () => {
    expect(capture(new StackError('no engine')).code).toBe(1);
    expect(capture(new InterruptedError('stopped')).code).toBe(130);
  });

  it('prints a stack trace only for bugs', () => {
    const { code, text } = capture(new TypeError('boom'));
    expect(code).toBe(70);
    expect(text).toMatch(/hit a bug[\s\S]*TypeError: boom\n\s+at /);
  });
});

describe('usage errors', () => {
  it('exit 2 for an unknown command or option, a missing or invalid argument, at any depth; 0 for --help and --version', async () => {
    const run = async (...args: string[]) => {
      const stderr = process.stderr.write;
      const stdout = process.stdout.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      process.stdout.write = (() => true) as typeof process.stdout.write;
      try {
        return await main(['node', 'kafka-sandbox', ...args]);
      } finally {
        process.stderr.write = stderr;
        process.stdout.write = stdout;
      }
    };
    for (const args of [['bogus'], ['--bogus'], ['up', '--bogus'], ['jobs', 'bogus'], ['down', '--name'], ['status', 'extra'], ['images'], ['completion', 'tcsh'], ['up', '--mode', 'x']]) {
      expect(await run(...args), args.join(' ')).toBe(2);
    }
    expect(await run('--help')).toBe(0);
    expect(await run('jobs', 'stop', '--help')).toBe(0);
    expect(await run('--version')).toBe(0);
    expect(buildProgram().name()).toBe('kafka-sandbox');
  });
});

describe('trackSignals', () => {
  class FakeProcess extends EventEmitter {
    exited: number | undefined;
    exit(code?: number): never {
      this.exited = code;
      return undefined as never;
    }
  }
  const fake = () => {
    const proc = new FakeProcess();
    return { proc, signals: trackSignals(proc as unknown as Parameters<typeof trackSignals>[0]) };
  };

  it('exits at once with 130 or 143 while no command listens for the signal', () => {
    const int = fake();
    int.proc.emit('SIGINT');
    expect(int.proc.exited).toBe(130);
    const term = fake();
    term.proc.emit('SIGTERM');
    expect(term.proc.exited).toBe(143);
  });

  it('lets a listening command clean up, then a clean stop or an InterruptedError exits 143 after SIGTERM', () => {
    const { proc, signals } = fake();
    expect(signals.exitCode(0)).toBe(0);
    expect(signals.exitCode(130)).toBe(130);
    proc.on('SIGTERM', () => undefined);
    proc.emit('SIGTERM');
    expect(proc.exited).toBeUndefined();
    expect(signals.received).toBe('SIGTERM');
    expect([signals.exitCode(0), signals.exitCode(130), signals.exitCode(1), signals.exitCode(2)]).toEqual([143, 143, 1, 2]);
  });

  it('maps a Ctrl-C stop to 130', () => {
    const { proc, signals } = fake();
    proc.on('SIGINT', () => undefined);
    proc.emit('SIGINT');
    expect(proc.exited).toBeUndefined();
    expect(signals.exitCode(0)).toBe(130);
  });
});
