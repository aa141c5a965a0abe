/** The parts of a consumed record a `--format` template can print. */
export interface TemplateRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: unknown;
  readonly value: unknown;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
}

/** A key or value as text: strings as they are, null as empty, everything else as JSON (bytes as base64). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return JSON.stringify(value, jsonReplacer);
}

/** JSON.stringify replacer for decoded records: Buffers (Avro bytes/fixed) as base64, bigints as numbers' text. */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown> | undefined)?.[key];
  if (Buffer.isBuffer(raw)) return raw.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Headers as kcat prints them: `k=v,k2=v2` (a repeated key once per value). */
export function headersText(headers: TemplateRecord['headers']): string {
  return Object.entries(headers)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`))
    .join(',');
}

const FIELDS: Record<string, (r: TemplateRecord) => string> = {
  k: (r) => textOf(r.key),
  v: (r) => textOf(r.value),
  s: (r) => textOf(r.value),
  p: (r) => String(r.partition),
  o: (r) => String(r.offset),
  t: (r) => String(r.timestamp),
  T: (r) => String(r.timestamp),
  h: (r) => headersText(r.headers),
  n: (r) => r.topic,
  K: (r) => String(Buffer.byteLength(textOf(r.key))),
  S: (r) => String(Buffer.byteLength(textOf(r.value))),
};

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/**
 * A kcat-like `--format` template: %k key, %v (or kcat's %s) value, %p partition, %o offset,
 * %t (or %T) timestamp in epoch ms, %h headers as k=v,..., %n topic, %K/%S key/value size in
 * bytes, %% a percent sign; \n \t \r \\ escapes. Unlike kcat, no newline is added: the CLI prints
 * one line per record. Throws an Error naming an unknown %X.
 */
export function compileTemplate(template: string): (record: TemplateRecord) => string {
  const parts: (string | ((r: TemplateRecord) => string))[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    const next = template[i + 1];
    if (c === '%' && next !== undefined) {
      i++;
      if (next === '%') text += '%';
      else if (FIELDS[next]) {
        if (text) parts.push(text);
        text = '';
        parts.push(FIELDS[next]);
      } else throw new Error(`unknown %${next} in --format (known: ${Object.keys(FIELDS).map((f) => `%${f}`).join(' ')} %%)`);
    } else if (c === '\\' && next !== undefined && ESCAPES[next] !== undefined) {
      i++;
      text += ESCAPES[next];
    } else text += c;
  }
  if (text) parts.push(text);
  return (record) => parts.map((part) => (typeof part === 'string' ? part : part(record))).join('');
}
