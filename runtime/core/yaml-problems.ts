import { LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { ConfigError } from './errors.js';

/** Records a problem at a node (or at `fallback`, an offset, when the node has no position). */
export type ReportProblem = (node: Node | null | undefined, message: string, fallback?: number) => void;

export interface ParseYamlOptions {
  /** Integers as bigint, so that a value too large for a number is still exact. */
  readonly intAsBigInt?: boolean;
  /** The message for a syntax error; default the `yaml` package's. */
  readonly syntaxMessage?: (error: YAMLError) => string;
}

/**
 * The problems of one YAML file, collected while it is read and reported all at once, sorted by
 * position, as `file:line:col message` (positions from the `yaml` package's `LineCounter`).
 * Mutable: one instance per parse, not shared.
 */
export class YamlProblems {
  private readonly lineCounter = new LineCounter();
  private readonly found: Array<{ offset: number; message: string }> = [];

  constructor(readonly fileName: string) {}

  /** Parses `text` as one document; every syntax error becomes a problem and the result is undefined. */
  parse(text: string, options: ParseYamlOptions = {}): Document | undefined {
    const doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, ...(options.intAsBigInt ? { intAsBigInt: true } : {}) });
    if (doc.errors.length === 0) return doc;
    for (const error of doc.errors) this.found.push({ offset: error.pos[0], message: options.syntaxMessage?.(error) ?? error.message });
    return undefined;
  }

  /** Records a problem at `node`; an arrow, so it can be handed around as a callback. */
  readonly report: ReportProblem = (node, message, fallback = 0) => {
    this.found.push({ offset: node?.range?.[0] ?? fallback, message });
  };

  /** `line:col` of a node, for cross-references inside a message. */
  readonly where = (node: Node): string => {
    const { line, col } = this.lineCounter.linePos(node.range?.[0] ?? 0);
    return `${line}:${col}`;
  };

  get count(): number {
    return this.found.length;
  }

  /** Every problem as `file:line:col message`, in file order. */
  lines(): string[] {
    return [...this.found]
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, message }) => {
        const { line, col } = this.lineCounter.linePos(offset);
        return `${this.fileName}:${line}:${col} ${message}`;
      });
  }

  /** `Invalid <what> <file> (N problems)` carrying every problem line and `hint`. */
  toError(what: string, hint: string): ConfigError {
    const lines = this.lines();
    return new ConfigError(`Invalid ${what} ${this.fileName} (${lines.length === 1 ? '1 problem' : `${lines.length} problems`})`, { problems: lines, hint });
  }
}
