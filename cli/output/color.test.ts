import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { honourNoColor } from './color.js';

const here = dirname(fileURLToPath(import.meta.url));
const ESC = String.fromCharCode(27);

/** Renders the `up` service board in a fresh Node process (chalk decides on colour once, at import). */
function renderBoard(env: Record<string, string>): string {
  const script = `
    import { honourNoColor } from ${JSON.stringify(join(here, 'color.ts'))};
    honourNoColor();
    const { createElement } = await import('react');
    const { renderToString } = await import('ink');
    const { ServiceBoard } = await import(${JSON.stringify(join(here, '..', 'ui', 'service-board.tsx'))});
    const board = { notices: ['port 9092 taken'], rows: [{ service: 'broker-1', state: 'ready', startedMs: 0, tookMs: 1200, endpoint: '127.0.0.1:9092' }, { service: 'postgres', state: 'failed', startedMs: 0, message: 'boom' }] };
    process.stdout.write(renderToString(createElement(ServiceBoard, { board, nowMs: 2000, footer: 'ready.' })));
  `;
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...rest, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('NO_COLOR', () => {
  it('turns colour off through FORCE_COLOR=0 when set and not empty, and wins over FORCE_COLOR', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '3' };
    expect(honourNoColor(env)).toBe(true);
    expect(env.FORCE_COLOR).toBe('0');
    const empty: NodeJS.ProcessEnv = { NO_COLOR: '' };
    expect(honourNoColor(empty)).toBe(false);
    expect(empty.FORCE_COLOR).toBeUndefined();
  });

  it('leaves no ANSI colour code in the Ink UI', { timeout: 30_000 }, () => {
    const coloured = renderBoard({ FORCE_COLOR: '1' });
    expect(coloured).toMatch(new RegExp(`${ESC}\\[3\\dm`));
    const plain = renderBoard({ FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain).not.toContain(ESC);
    expect(plain).toContain('broker-1');
  });
});
