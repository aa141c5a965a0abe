import type { PlannedRecord } from '../core/planned-record.js';

/**
 * Turns a planned record's value into the bytes sent. `json` is the record's JSON value, already
 * computed for the ledger; a JSON serializer returns it as is.
 */
export interface ValueSerializer {
  readonly format: 'json' | 'avro' | 'json-schema';
  serialize(record: PlannedRecord, json: Buffer): Buffer | Promise<Buffer>;
}

export const jsonSerializer: ValueSerializer = { format: 'json', serialize: (_record, json) => json };
