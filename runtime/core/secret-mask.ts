import type { FieldSpec } from './config-spec.js';

/** Connect's mask for secrets in responses. */
export const HIDDEN = '[hidden]';

/** True for keys whose value is a secret, whatever the plugin: PASSWORD fields, passwords, secrets, tokens. */
export function isSecretKey(key: string, spec: readonly FieldSpec[] = []): boolean {
  if (spec.some((field) => field.type === 'PASSWORD' && (field.name === key || field.aliases?.includes(key)))) return true;
  return /password|secret|api\.key|token|credentials/i.test(key);
}

/** A copy with every secret replaced by `[hidden]` and passwords inside URLs masked. */
export function maskConfig(config: Readonly<Record<string, string>>, spec: readonly FieldSpec[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) out[key] = isSecretKey(key, spec) ? HIDDEN : maskSecretsInText(value);
  return out;
}

/** Masks `user:pass@` in URLs and `password=...` query parameters in any text (URLs, logs, traces). */
export function maskSecretsInText(text: string): string {
  return text.replace(/(\/\/[^:/@\s]+:)[^@\s/]*@/g, `$1${HIDDEN}@`).replace(/([?&;]password=)[^&;\s]*/gi, `$1${HIDDEN}`);
}
