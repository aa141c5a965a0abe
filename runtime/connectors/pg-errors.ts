import { ConnectorError } from '../core/errors.js';
import { maskSecretsInText } from '../core/secret-mask.js';

/**
 * Wraps a pg error as ConnectorError, retriable when trying again can help: connection problems
 * (class 08, socket errors), serialization failures and deadlocks (class 40), resources (53),
 * shutdowns (57P), and two tasks creating one table at once (23505 on pg_type).
 */
export function classifyPgError(error: unknown, doing: string): ConnectorError {
  const e = error as { code?: string; message?: string; constraint?: string };
  const code = e?.code ?? '';
  const retriable =
    /^(08|40|53|57P)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) ||
    (code === '23505' && e.constraint === 'pg_type_typname_nsp_index') ||
    code === '42P07' ||
    /Connection terminated|timeout/i.test(e?.message ?? '');
  return new ConnectorError(maskSecretsInText(`${doing}: ${e?.message ?? String(error)}${code ? ` (SQLSTATE ${code})` : ''}`), { retriable, cause: error });
}
