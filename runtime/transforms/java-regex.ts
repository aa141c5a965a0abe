/**
 * Java regular expressions and `Matcher` replacement strings, translated to JavaScript. Covers
 * what Connect configs use: leading inline flags (`(?i)`), `\A` `\z` `\Z`, `\Q...\E`, possessive
 * quantifiers and atomic groups (made greedy and non-capturing), POSIX classes (`\p{Alpha}`), and
 * `$1` / `${name}` / `\$` in replacements.
 */

const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The JavaScript source and flags of a Java pattern. */
function translate(pattern: string): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const inline = /^\(\?([imsux]+)\)/.exec(rest);
  if (inline) {
    for (const flag of inline[1]!) if (flag === 'i' || flag === 'm' || flag === 's') flags += flag;
    rest = rest.slice(inline[0].length);
  }
  let out = '';
  let inClass = 0;
  let previousIsQuantifiable = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1] ?? '';
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = rest.slice(i + 2, end === -1 ? rest.length : end);
        out += escapeLiteral(literal);
        i = end === -1 ? rest.length : end + 1;
        previousIsQuantifiable = true;
        continue;
      }
      if (inClass === 0 && next === 'A') out += '^';
      else if (inClass === 0 && (next === 'z' || next === 'Z')) out += '$';
      else if ((next === 'p' || next === 'P') && rest[i + 2] === '{') {
        const close = rest.indexOf('}', i + 3);
        const name = rest.slice(i + 3, close === -1 ? rest.length : close).replace(/^Is/, '');
        const posix = POSIX_CLASSES[name];
        if (posix !== undefined) out += inClass ? posix : `[${next === 'P' ? '^' : ''}${posix}]`;
        else out += `\\${next}{${name}}`;
        i = close === -1 ? rest.length : close;
        previousIsQuantifiable = true;
        continue;
      } else out += c + next;
      i++;
      previousIsQuantifiable = true;
      continue;
    }
    if (inClass) {
      if (c === '[') inClass++;
      if (c === ']') inClass--;
      out += c;
      if (inClass === 0) previousIsQuantifiable = true;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      out += c;
      if (rest[i + 1] === ']' || (rest[i + 1] === '^' && rest[i + 2] === ']')) {
        // Java allows a leading `]` as a literal in a class.
        const skip = rest[i + 1] === '^' ? 2 : 1;
        out += rest.slice(i + 1, i + 1 + skip - 1) + '\\]';
        i += skip;
      }
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && previousIsQuantifiable) {
      out += c;
      if (rest[i + 1] === '+') i++; // possessive -> greedy
      previousIsQuantifiable = false;
      continue;
    }
    if (c === '(' && rest.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
      previousIsQuantifiable = false;
      continue;
    }
    out += c;
    previousIsQuantifiable = c !== '(' && c !== '|';
  }
  if (/\\[pP]\{/.test(out)) flags += 'u';
  return { source: out, flags };
}

/** A Java pattern compiled to match whole strings (`Matcher.matches()`); throws SyntaxError when invalid. */
export function javaFullMatchRegex(pattern: string): RegExp {
  const { source, flags } = translate(pattern);
  return new RegExp(`^(?:${source})$`, flags);
}

/** Config check: undefined when `pattern` is a valid regular expression, else why not. */
export function checkJavaRegex(pattern: string | null): string | undefined {
  if (pattern === null) return 'Must be a valid regular expression';
  try {
    javaFullMatchRegex(pattern);
    return undefined;
  } catch (error) {
    return `Invalid regex: ${(error as Error).message}`;
  }
}

/**
 * A Java replacement string (`$1`, `${name}`, `\$` for a literal dollar) as a JavaScript one;
 * throws on a `$` that is not a group reference, as Java does.
 */
export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      const next = replacement[i + 1];
      if (next === undefined) throw new Error('character to be escaped is missing');
      out += next === '$' ? '$$' : next;
      i++;
    } else if (c === '$') {
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i + 1));
      const digits = /^\d+/.exec(replacement.slice(i + 1));
      if (named) {
        out += `$<${named[1]}>`;
        i += named[0].length;
      } else if (digits) {
        out += `$${digits[0]}`;
        i += digits[0].length;
      } else {
        throw new Error('Illegal group reference');
      }
    } else {
      out += c;
    }
  }
  return out;
}
