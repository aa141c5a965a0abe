/**
 * Java's `SimpleDateFormat` patterns, in UTC as Connect's TimestampConverter and TimestampRouter
 * use them, with the US English names of a default JVM. Supports every pattern letter
 * (G y Y M L w W D d F E u a H k K h m s S z Z X) and quoted text (`'T'`, `''`).
 * Parsing is lenient like Java's: it reads from the start and ignores trailing text; week-based
 * letters (Y, w, W, F, u, E) are read but do not change the parsed date (Y counts as y).
 */
export interface JavaDateFormat {
  readonly pattern: string;
  format(date: Date): string;
  /** Throws when `text` does not match the pattern. */
  parse(text: string): Date;
}

type Token = { kind: 'field'; letter: string; count: number } | { kind: 'literal'; text: string };

const LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j++;
            continue;
          }
          break;
        }
        text += pattern[j];
      }
      if (j >= pattern.length) throw new Error(`Unterminated quote in pattern ${pattern}`);
      literal(text);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.includes(c)) throw new Error(`Illegal pattern character '${c}'`);
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
      continue;
    }
    literal(c);
    i++;
  }
  return tokens;
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

/** The Sunday starting the week (US rules) that contains `ms`. */
function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day - new Date(day).getUTCDay() * DAY_MS;
}

function weekYear(date: Date): number {
  const year = date.getUTCFullYear();
  return date.getTime() >= weekStart(Date.UTC(year + 1, 0, 1)) ? year + 1 : year;
}

function formatField(letter: string, count: number, d: Date): string {
  const year = d.getUTCFullYear();
  const hour = d.getUTCHours();
  switch (letter) {
    case 'G':
      return year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y': {
      const y = letter === 'y' ? year : weekYear(d);
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'M':
    case 'L': {
      const m = d.getUTCMonth();
      if (count >= 4) return MONTHS[m]!;
      if (count === 3) return MONTHS[m]!.slice(0, 3);
      return pad(m + 1, count);
    }
    case 'w':
      return pad(Math.floor((d.getTime() - weekStart(Date.UTC(weekYear(d), 0, 1))) / (7 * DAY_MS)) + 1, count);
    case 'W':
      return pad(Math.floor((d.getTime() - weekStart(Date.UTC(year, d.getUTCMonth(), 1))) / (7 * DAY_MS)) + 1, count);
    case 'D':
      return pad(Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1, count);
    case 'd':
      return pad(d.getUTCDate(), count);
    case 'F':
      return pad(Math.floor((d.getUTCDate() - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? DAYS[d.getUTCDay()]! : DAYS[d.getUTCDay()]!.slice(0, 3);
    case 'u':
      return pad(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), count);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(hour, count);
    case 'k':
      return pad(hour === 0 ? 24 : hour, count);
    case 'K':
      return pad(hour % 12, count);
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case 'm':
      return pad(d.getUTCMinutes(), count);
    case 's':
      return pad(d.getUTCSeconds(), count);
    case 'S':
      return pad(d.getUTCMilliseconds(), count);
    case 'z':
      return count >= 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
    default:
      return '';
  }
}

const NUMERIC = new Set(['y', 'Y', 'w', 'W', 'D', 'd', 'F', 'u', 'H', 'k', 'K', 'h', 'm', 's', 'S']);

function isNumeric(token: Token | undefined): boolean {
  return token?.kind === 'field' && (NUMERIC.has(token.letter) || ((token.letter === 'M' || token.letter === 'L') && token.count <= 2));
}

function fieldRegex(token: Token & { kind: 'field' }, next: Token | undefined): string {
  const { letter, count } = token;
  if (isNumeric(token)) return isNumeric(next) ? `(\\d{${count}})` : '([-+]?\\d+)';
  switch (letter) {
    case 'M':
    case 'L':
      return `(${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join('|')})`;
    case 'E':
      return `(${DAYS.map((day) => `${day}|${day.slice(0, 3)}`).join('|')})`;
    case 'a':
      return '(AM|PM)';
    case 'G':
      return '(AD|BC)';
    case 'z':
      return '(UTC|GMT(?:[-+]\\d{1,2}:?\\d{2})?|Coordinated Universal Time|[A-Z]{3,4}|[-+]\\d{4})';
    case 'Z':
      return '([-+]\\d{4}|Z|UTC|GMT)';
    default:
      return '(Z|[-+]\\d{2}(?::?\\d{2})?)';
  }
}

function offsetMinutes(text: string): number {
  const m = /([-+])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

/** Compiles a `SimpleDateFormat` pattern; throws on an illegal pattern, as Java's constructor does. */
export function javaDateFormat(pattern: string): JavaDateFormat {
  const tokens = tokenize(pattern);
  const fields: (Token & { kind: 'field' })[] = [];
  let source = '^';
  tokens.forEach((token, i) => {
    if (token.kind === 'literal') source += token.text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    else {
      fields.push(token);
      source += fieldRegex(token, tokens[i + 1]);
    }
  });
  const regex = new RegExp(source, 'i');
  return {
    pattern,
    format(date: Date): string {
      return tokens.map((t) => (t.kind === 'literal' ? t.text : formatField(t.letter, t.count, date))).join('');
    },
    parse(text: string): Date {
      const match = regex.exec(text);
      if (!match) throw new Error(`Unparseable date: "${text}"`);
      let year = 1970;
      let month = 0;
      let day = 1;
      let dayOfYear: number | undefined;
      let hour = 0;
      let pm: boolean | undefined;
      let hour12 = false;
      let minute = 0;
      let second = 0;
      let millis = 0;
      let offset = 0;
      let bc = false;
      fields.forEach((field, i) => {
        const value = match[i + 1]!;
        const n = Number(value);
        switch (field.letter) {
          case 'y':
          case 'Y':
            year = field.count <= 2 && /^\d{2}$/.test(value) ? twoDigitYear(n) : n;
            break;
          case 'M':
          case 'L':
            month = field.count >= 3 ? MONTHS.findIndex((m) => m.toLowerCase().startsWith(value.toLowerCase().slice(0, 3))) : n - 1;
            break;
          case 'd':
            day = n;
            break;
          case 'D':
            dayOfYear = n;
            break;
          case 'H':
            hour = n;
            break;
          case 'k':
            hour = n === 24 ? 0 : n;
            break;
          case 'K':
            hour = n;
            hour12 = true;
            break;
          case 'h':
            hour = n === 12 ? 0 : n;
            hour12 = true;
            break;
          case 'a':
            pm = value.toUpperCase() === 'PM';
            break;
          case 'm':
            minute = n;
            break;
          case 's':
            second = n;
            break;
          case 'S':
            millis = n;
            break;
          case 'G':
            bc = value.toUpperCase() === 'BC';
            break;
          case 'z':
          case 'Z':
          case 'X':
            offset = offsetMinutes(value);
            break;
          default:
            break;
        }
      });
      if (hour12 && pm) hour += 12;
      if (bc) year = 1 - year;
      const utc = dayOfYear !== undefined && !fields.some((f) => f.letter === 'M' || f.letter === 'd')
        ? Date.UTC(year, 0, dayOfYear, hour, minute, second, millis)
        : Date.UTC(year, month, day, hour, minute, second, millis);
      // Date.UTC maps years 0-99 to 1900-1999; Java does not.
      const date = new Date(utc - offset * 60_000);
      if (year >= 0 && year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
      return date;
    },
  };
}

/** Java's two-digit year window: within 80 years before and 20 years after now. */
function twoDigitYear(yy: number): number {
  const now = new Date().getUTCFullYear();
  const century = Math.floor((now - 80) / 100) * 100;
  let year = century + yy;
  if (year < now - 80) year += 100;
  return year;
}

/** Config check: undefined when `pattern` is a valid SimpleDateFormat pattern, else why not. */
export function checkJavaDateFormat(pattern: string | null): string | undefined {
  if (pattern === null || pattern.trim() === '') return undefined;
  try {
    javaDateFormat(pattern);
    return undefined;
  } catch (error) {
    return `Invalid SimpleDateFormat pattern: ${(error as Error).message}`;
  }
}
