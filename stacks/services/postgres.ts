import { randomBytes } from 'node:crypto';
import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

export const postgresPort = 5432;
export const postgresUser = 'sandbox';
export const postgresDatabase = 'sandbox';

/** A password for this sandbox only; shown only in `status --json`. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Postgres with logical decoding on, for Debezium CDC; reachable as postgres:5432 on the network. */
export function draftPostgres(context: ServiceContext, image: ImageChoice, password: string): ServiceDraft {
  return draftService(context, {
    service: 'postgres',
    image,
    aliases: ['postgres'],
    publish: postgresPort,
    env: { POSTGRES_USER: postgresUser, POSTGRES_PASSWORD: password, POSTGRES_DB: postgresDatabase },
    command: ['postgres', '-c', 'wal_level=logical', '-c', 'max_replication_slots=10', '-c', 'max_wal_senders=10'],
    // The official image runs a temporary socket-only server during init; TCP answers only on the final one.
    wait: Wait.forSuccessfulCommand(`pg_isready -h 127.0.0.1 -p ${postgresPort} -U ${postgresUser} -d ${postgresDatabase}`),
  });
}
