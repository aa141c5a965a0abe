import { ConfigError } from '../core/errors.js';
import { didYouMean as suggest } from '../core/did-you-mean.js';
import { formatDuration, parseDuration } from '../core/duration.js';
import type { JobBuilder } from './job-api.js';

/** One option of a job: its type drives validation, `jobs list` and help. */
export interface JobOptionSpec {
  readonly type: 'string' | 'topic' | 'number' | 'duration' | 'choice' | 'identifier';
  readonly description: string;
  readonly default: string;
  readonly choices?: readonly string[];
}

/** Parsed option values: numbers and durations (ms) as numbers, the rest as strings. */
export type JobOptionValues = Readonly<Record<string, string | number>>;

/**
 * A stream job: a name, its options and a `build` that wires sources, operators and sinks with the
 * job API. `build` runs once per task (and again on every restart), so it must be deterministic:
 * store names become changelog keys.
 */
export interface JobDefinition {
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, JobOptionSpec>>;
  build(job: JobBuilder, options: JobOptionValues): void;
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/**
 * Validates `raw` (option name → text, as typed after `--`) against the job's options, reporting
 * every problem at once as a ConfigError (exit code 2); unknown options get a "did you mean".
 */
export function parseJobOptions(job: JobDefinition, raw: Readonly<Record<string, string>>, didYouMean: (word: string, candidates: readonly string[]) => string = suggest): JobOptionValues {
  const problems: string[] = [];
  const names = Object.keys(job.options);
  for (const name of Object.keys(raw)) {
    if (!(name in job.options)) problems.push(`unknown option --${name} for job ${job.name}${didYouMean(name, names)}`);
  }
  const values: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(job.options)) {
    const text = raw[name] ?? spec.default;
    switch (spec.type) {
      case 'number': {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n) || n < 0) problems.push(`--${name} must be a number >= 0, got "${text}"`);
        values[name] = n;
        break;
      }
      case 'duration': {
        const ms = parseDuration(text);
        if (ms === undefined) problems.push(`--${name} must be a duration like 30s, 5m or 250ms, got "${text}"`);
        values[name] = ms ?? 0;
        break;
      }
      case 'choice':
        if (!spec.choices?.includes(text)) problems.push(`--${name} must be one of ${spec.choices?.join(', ')}, got "${text}"`);
        values[name] = text;
        break;
      case 'topic':
        if (!TOPIC.test(text)) problems.push(`--${name} must be a topic name (letters, digits, . _ -), got "${text}"`);
        values[name] = text;
        break;
      case 'identifier':
        if (!IDENTIFIER.test(text)) problems.push(`--${name} must be an SQL identifier, got "${text}"`);
        values[name] = text;
        break;
      default:
        values[name] = text;
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.length === 1 ? problems[0]! : `${problems.length} problems with the options of job ${job.name}`, {
      problems: problems.length === 1 ? [] : problems,
      hint: `\`kafka-sandbox jobs list\` shows every job and its options.`,
    });
  }
  return values;
}

/** `--grace 10s  (duration, default 10s)  how late ...`: lines for `jobs list`. */
export function describeOptions(job: JobDefinition): string[] {
  return Object.entries(job.options).map(([name, spec]) => {
    const kind = spec.type === 'choice' ? spec.choices!.join('|') : spec.type;
    const shown = spec.type === 'duration' ? formatDuration(parseDuration(spec.default) ?? 0) : spec.default;
    return `--${name} <${kind}>  ${spec.description} (default ${shown})`;
  });
}
