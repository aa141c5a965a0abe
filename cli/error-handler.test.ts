import { describe, expect, it } from 'vitest';
import { ConfigError, InterruptedError, StackError } from '../runtime/core/errors.js';
import { reportFatal } from './error-handler.js';

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
