/**
 * Java's number conversions, as Cast and MaskField perform them: narrowing with wrap-around
 * (`Number.byteValue()`), strict parsing (`Integer.parseInt`), and `Double.toString` text.
 * int64 results are `number` when safe, else `bigint`.
 */

const BITS = { int8: 8, int16: 16, int32: 32, int64: 64 } as const;
export type JavaIntType = keyof typeof BITS;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A bigint as `number` when exactly representable, else itself. */
export function compactLong(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Java's `(long) d`: truncation toward zero, saturating, NaN -> 0. */
function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854776e18) return INT64_MAX;
  if (d <= -9.223372036854776e18) return INT64_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's `(int) d`. */
function doubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  return Math.max(INT32_MIN, Math.min(INT32_MAX, Math.trunc(d)));
}

function wrap(value: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, value);
}

/**
 * `Number.byteValue()` / `shortValue()` / `intValue()` / `longValue()` of a Java number: an
 * integral JS number or bigint behaves as a Long, a fractional number as a Double.
 */
export function narrow(value: number | bigint, type: JavaIntType): number | bigint {
  const bits = BITS[type];
  let asLong: bigint;
  if (typeof value === 'bigint') asLong = value;
  else if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) asLong = BigInt(value);
  else if (type === 'int64') asLong = doubleToLong(value);
  else asLong = BigInt(doubleToInt(value));
  const result = wrap(asLong, bits);
  return type === 'int64' ? compactLong(result) : Number(result);
}

/** `Byte.parseByte` / `Short.parseShort` / `Integer.parseInt` / `Long.parseLong`; throws when invalid or out of range. */
export function parseJavaInt(text: string, type: JavaIntType): number | bigint {
  if (!/^[-+]?\d+$/.test(text)) throw new RangeError(`For input string: "${text}"`);
  const value = BigInt(text);
  const bits = BigInt(BITS[type]);
  const min = -(2n ** (bits - 1n));
  const max = 2n ** (bits - 1n) - 1n;
  if (value < min || value > max) throw new RangeError(`Value out of range. Value:"${text}"`);
  return type === 'int64' ? compactLong(value) : Number(value);
}

/** `Double.parseDouble` (Java also accepts a trailing d/f and surrounding whitespace). */
export function parseJavaDouble(text: string): number {
  const trimmed = text.trim().replace(/[dDfF]$/, '');
  if (!/^[-+]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)$/.test(trimmed)) throw new RangeError(`For input string: "${text}"`);
  return Number(trimmed);
}

/** Java's `Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.234E-5`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(d);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '0', exponent = '0'] = d.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Java's `Float.toString` of a float32 value: the shortest decimal that rounds back to it. */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(f);
}
