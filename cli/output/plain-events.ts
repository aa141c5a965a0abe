import type { StackEvent } from '../../stacks/sandbox-options.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** One plain line per start-up event, for logs and CI (no TTY). */
export function formatEvent(event: StackEvent): string {
  const at = seconds(event.elapsedMs).padStart(6);
  const detail = [event.endpoint, event.message].filter(Boolean).join('  ');
  return `${at}  ${event.service.padEnd(16)} ${event.state.padEnd(8)} ${detail}`.trimEnd();
}
