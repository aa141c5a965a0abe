import type { ConsumeOptions, ConsumedRecord } from '../../app/topics/sandbox-topics.js';
import { ConfigError } from '../../runtime/core/errors.js';
import { compileTemplate, jsonReplacer, textOf } from '../../runtime/kafka/record-template.js';
import type { DecodeFormat } from '../../runtime/kafka/value-formats.js';
import { intFlag, withSandbox, type TargetFlags } from './topics.js';

export interface ConsumeFlags extends TargetFlags {
  fromBeginning?: boolean;
  offset?: string;
  fromTime?: string;
  partition?: string;
  group?: string;
  count?: string;
  follow?: boolean;
  format?: string;
  valueFormat?: DecodeFormat;
}

/** One record as a `--json` line. */
export function recordJson(record: ConsumedRecord): string {
  const { key, value, headers, partition, offset, timestamp } = record;
  return JSON.stringify({ key, value, headers, partition, offset, timestamp, ...(record.schemaId === undefined ? {} : { schemaId: record.schemaId }), ...(record.decodeError ? { decodeError: record.decodeError } : {}) }, jsonReplacer);
}

/** The handle's consume options from the flags. */
export function consumeOptions(flags: ConsumeFlags, signal: AbortSignal): ConsumeOptions {
  const chosen = [flags.offset !== undefined && '--offset', flags.fromTime !== undefined && '--from-time', flags.fromBeginning && '--from-beginning'].filter(Boolean);
  if (chosen.length > 1) throw new ConfigError(`${chosen.join(' and ')} cannot be combined`, { hint: 'Pick one place to start.' });
  const count = intFlag(flags.count, '--count', 1);
  const partition = intFlag(flags.partition, '--partition');
  return {
    signal,
    ...(flags.fromBeginning ? { fromBeginning: true } : {}),
    ...(flags.offset === undefined ? {} : { offset: flags.offset }),
    ...(flags.fromTime === undefined ? {} : { fromTime: flags.fromTime }),
    ...(partition === undefined ? {} : { partition }),
    ...(flags.group ? { group: flags.group } : {}),
    ...(count === undefined ? {} : { count }),
    ...(flags.follow ? { follow: true } : {}),
    format: flags.valueFormat ?? 'auto',
  };
}

/**
 * `kafka-sandbox consume TOPIC`: like `kcat -C -e`, from the beginning to the end offsets at the
 * start, then exits; `--follow` keeps waiting (Ctrl-C ends it). Records go to stdout, the count
 * to stderr.
 */
export async function consume(topic: string, flags: ConsumeFlags): Promise<void> {
  if (flags.format !== undefined && flags.json) throw new ConfigError('--format and --json cannot be combined');
  let render: (record: ConsumedRecord) => string;
  try {
    const template = flags.format === undefined ? undefined : compileTemplate(flags.format);
    render = flags.json ? recordJson : template ?? ((record) => textOf(record.value));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const options = consumeOptions(flags, controller.signal);
  let read = 0;
  const decodeErrors = new Set<string>();
  try {
    await withSandbox(flags, async (sandbox) => {
      for await (const record of sandbox.topics.consume(topic, options)) {
        read++;
        if (record.decodeError) decodeErrors.add(record.decodeError);
        process.stdout.write(`${render(record)}\n`);
      }
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  for (const error of [...decodeErrors].slice(0, 3)) process.stderr.write(`warning: some values could not be decoded: ${error}\n`);
  process.stderr.write(`${read} record${read === 1 ? '' : 's'} read from ${topic}${controller.signal.aborted ? ' (interrupted)' : ''}\n`);
}
