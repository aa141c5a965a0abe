/**
 * `NO_COLOR` (https://no-color.org): when set and not empty, no output of the CLI carries ANSI colour
 * codes. Ink colours through chalk, which reads `FORCE_COLOR` (not `NO_COLOR`) once, when first
 * imported; so this runs first thing in bin.ts, before any command module loads Ink, and sets
 * `FORCE_COLOR=0`, which chalk, Node (`hasColors()`) and child processes all honour. NO_COLOR wins
 * over a FORCE_COLOR set too.
 */
export function honourNoColor(env: NodeJS.ProcessEnv = process.env): boolean {
  const off = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  if (off) env.FORCE_COLOR = '0';
  return off;
}
