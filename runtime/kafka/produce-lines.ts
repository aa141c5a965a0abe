/** One input line of `produce`: its 1-based line number, the key (when a key separator is used) and the value text. */
export interface InputLine {
  readonly line: number;
  readonly key: string | null;
  readonly value: string;
}

/** A line that could not be turned into a record, with its 1-based number and why. */
export interface LineProblem {
  readonly line: number;
  readonly reason: string;
}

/**
 * Splits `produce` input into records, one per line (`\n` or `\r\n`). Blank lines are skipped.
 * With `keySeparator`, each line is `KEY<sep>VALUE` split at the first separator (as
 * kafka-console-producer's `parse.key=true`); a line without it is a problem, not a null key.
 */
export function parseInputLines(text: string, options: { keySeparator?: string } = {}): { lines: InputLine[]; problems: LineProblem[] } {
  const { keySeparator } = options;
  if (keySeparator === '') throw new Error('the key separator must not be empty');
  const lines: InputLine[] = [];
  const problems: LineProblem[] = [];
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  raw.forEach((content, index) => {
    const line = index + 1;
    const body = content.endsWith('\r') ? content.slice(0, -1) : content;
    if (body.trim() === '') return;
    if (keySeparator === undefined) {
      lines.push({ line, key: null, value: body });
      return;
    }
    const at = body.indexOf(keySeparator);
    if (at < 0) {
      problems.push({ line, reason: `no key separator ${JSON.stringify(keySeparator)} (--key-sep): expected KEY${keySeparator}VALUE` });
      return;
    }
    lines.push({ line, key: body.slice(0, at), value: body.slice(at + keySeparator.length) });
  });
  return { lines, problems };
}

/**
 * `--header k=v` flags (repeatable) as headers; a repeated key keeps every value, in order.
 * Throws an Error naming the flag when one has no `=` or an empty key.
 */
export function parseHeaderFlags(flags: readonly string[] = []): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new Error(`--header ${JSON.stringify(flag)}: expected KEY=VALUE`);
    const key = flag.slice(0, at);
    const value = flag.slice(at + 1);
    const previous = headers[key];
    headers[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return headers;
}

/** Formats problems as `line N: why`, in line order. */
export function describeLineProblems(problems: readonly LineProblem[]): string[] {
  return [...problems].sort((a, b) => a.line - b.line).map((p) => `line ${p.line}: ${p.reason}`);
}
