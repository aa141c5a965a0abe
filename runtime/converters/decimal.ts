import type { ConnectValue } from '../core/record.js';
import { DataException } from './data-exception.js';

/**
 * Connect's Decimal logical type: bytes holding the big-endian two's complement unscaled value,
 * with the scale in the schema. In Connect data a decimal is a `number` when that number prints
 * back as the same decimal (so nothing is lost), else the exact decimal text.
 */

/** The decimal text of `unscaled * 10^-scale`, e.g. (12345n, 2) -> "123.45". */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else if (scale < 0) {
    digits += '0'.repeat(-scale);
  }
  return negative ? `-${digits}` : digits;
}

/** A decimal as Connect data: a number when lossless, else its text. */
export function decimalValue(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && sameDecimal(String(n), text) ? n : text;
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => {
    const plain = s.includes('e') || s.includes('E') ? expandExponent(s) : s;
    let [int = '0', frac = ''] = plain.replace(/^[+]/, '').split('.');
    const negative = int.startsWith('-');
    int = int.replace('-', '').replace(/^0+(?=\d)/, '');
    frac = frac.replace(/0+$/, '');
    const body = frac ? `${int}.${frac}` : int;
    return negative && body !== '0' ? `-${body}` : body;
  };
  return norm(a) === norm(b);
}

function expandExponent(s: string): string {
  const [mantissa = '0', exp = '0'] = s.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [int = '0', frac = ''] = mantissa.replace('-', '').split('.');
  const shift = Number(exp);
  const digits = int + frac;
  const point = int.length + shift;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/** The unscaled value of a decimal at `scale`, rounding half up when it has more digits. */
export function unscaledValue(value: ConnectValue, scale: number): bigint {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DataException(`Invalid Decimal value ${value}`);
    text = String(value);
    if (text.includes('e')) text = expandExponent(text);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    text = /[eE]/.test(value) ? expandExponent(value.trim()) : value.trim();
  } else {
    throw new DataException(`Invalid type for Decimal, expected a number or decimal string but was ${typeof value}`);
  }
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = text.replace(/^[-+]/, '').split('.');
  let digits: string;
  let roundUp = false;
  if (scale >= 0) {
    const padded = frac.padEnd(scale, '0');
    digits = int + padded.slice(0, scale);
    roundUp = (padded[scale] ?? '0') >= '5';
  } else {
    const keep = int.length + scale;
    digits = keep > 0 ? int.slice(0, keep) : '0';
    roundUp = keep >= 0 && (int[keep] ?? '0') >= '5';
  }
  let unscaled = BigInt(digits === '' ? '0' : digits) + (roundUp ? 1n : 0n);
  if (negative) unscaled = -unscaled;
  return unscaled;
}

/** Big-endian two's complement bytes, minimal length (Java's `BigInteger.toByteArray`). */
export function bigintToBytes(n: bigint): Buffer {
  const bytes: number[] = [];
  let v = n;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Buffer.from(bytes);
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  if ((bytes[0]! & 0x80) !== 0) n -= 1n << BigInt(bytes.length * 8);
  return n;
}

/** Connect data -> Decimal bytes. */
export function decimalToBytes(value: ConnectValue, scale: number): Buffer {
  return bigintToBytes(unscaledValue(value, scale));
}

/** Decimal bytes -> Connect data. */
export function decimalFromBytes(bytes: Uint8Array, scale: number): number | string {
  return decimalValue(decimalText(bytesToBigint(bytes), scale));
}
