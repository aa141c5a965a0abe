import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Ledger } from './ledger.js';

/** Writes the ledger as pretty JSON, atomically (temporary file + rename): never a half-written file. */
export async function writeLedgerFile(path: string, ledger: Ledger): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(ledger, null, 2)}\n`);
  await rename(temporary, path);
}

/** The ledger without its per-event lists and per-key counts: small enough for one Kafka record. */
export function ledgerSummary(ledger: Ledger): Omit<Ledger, 'eventIds' | 'duplicates' | 'late' | 'malformed' | 'orphans' | 'keys'> & { keyCount: number } {
  const { eventIds: _ids, duplicates: _d, late: _l, malformed: _m, orphans: _o, keys, ...summary } = ledger;
  return { ...summary, keyCount: Object.keys(keys).length };
}
