import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ProduceRecord } from '../../app/topics/sandbox-topics.js';
import { ConfigError } from '../../runtime/core/errors.js';
import { describeLineProblems, parseHeaderFlags, parseInputLines, type LineProblem } from '../../runtime/kafka/produce-lines.js';
import { valueFromText, type ValueFormat } from '../../runtime/kafka/value-formats.js';
import { intFlag, withSandbox, type TargetFlags } from './topics.js';

export interface ProduceFlags extends TargetFlags {
  file?: string;
  keySep?: string;
  header?: string[];
  format: ValueFormat;
  schema?: string;
  subject?: string;
  partition?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `--schema`: inline JSON when it looks like JSON, else a file. */
export async function schemaArgument(value: string): Promise<string> {
  const text = value.trim();
  if (/^[{["]/.test(text)) return text;
  if (!existsSync(value)) throw new ConfigError(`--schema ${value}: no such file, and not an inline JSON schema`, { hint: 'Pass a .avsc / .json file or the schema itself, e.g. --schema \'{"type":"string"}\'.' });
  return readFile(value, 'utf8');
}

/** Lines (stdin or --file) as records: every line checked first; any bad one is a ConfigError listing them all. */
export function recordsFromText(text: string, flags: Pick<ProduceFlags, 'keySep' | 'header' | 'format' | 'partition'>): ProduceRecord[] {
  const headers = (() => {
    try {
      return parseHeaderFlags(flags.header);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
  })();
  const partition = intFlag(flags.partition, '--partition');
  const { lines, problems } = parseInputLines(text, flags.keySep === undefined ? {} : { keySeparator: flags.keySep });
  const all: LineProblem[] = [...problems];
  const records: ProduceRecord[] = [];
  for (const line of lines) {
    const parsed = valueFromText(flags.format, line.value);
    if ('problem' in parsed) {
      all.push({ line: line.line, reason: parsed.problem });
      continue;
    }
    records.push({
      key: line.key,
      value: parsed.value,
      source: `line ${line.line}`,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(partition === undefined ? {} : { partition }),
    });
  }
  if (all.length > 0) {
    throw new ConfigError(`${all.length} line${all.length === 1 ? ' is' : 's are'} not valid ${flags.format}; nothing was sent`, { problems: describeLineProblems(all) });
  }
  return records;
}

/** `kafka-sandbox produce TOPIC`: lines from stdin or --file; nothing of a batch with a bad line is sent. */
export async function produce(topic: string, flags: ProduceFlags): Promise<void> {
  if (flags.schema !== undefined && flags.format !== 'avro' && flags.format !== 'json-schema') {
    throw new ConfigError(`--schema needs --format avro or --format json-schema (got ${flags.format})`);
  }
  const schema = flags.schema === undefined ? undefined : await schemaArgument(flags.schema);
  const text = flags.file ? await readFile(flags.file, 'utf8').catch((cause: unknown) => {
    throw new ConfigError(`--file ${flags.file}: ${(cause as Error).message}`);
  }) : await readStdin();
  const records = recordsFromText(text, flags);
  await withSandbox(flags, async (sandbox) => {
    const result = await sandbox.topics.produce(topic, records, {
      format: flags.format,
      ...(schema === undefined ? {} : { schema }),
      ...(flags.subject ? { subject: flags.subject } : {}),
    });
    if (flags.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const where = result.partitions.map((p) => `${p.partition}@${p.baseOffset}`).join(' ');
    console.log(`sent ${result.count} record${result.count === 1 ? '' : 's'} to ${topic}${result.schemaId === undefined ? '' : ` (schema id ${result.schemaId})`}${where ? `  partition@first-offset: ${where}` : ''}`);
  });
}
