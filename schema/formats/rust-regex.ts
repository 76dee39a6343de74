// Whether a pattern compiles as a Rust `regex` crate pattern (group filters' `regex:`): Rust-only
// syntax rewritten for a JavaScript compile check, constructs Rust refuses reported.
import { fail, type FormatFailure } from './format.ts';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/**
 * Where the character class opening at `start` (a `[`) ends in Rust's regex syntax — just past its
 * `]` — or -1 when it never closes: inside a class a `[` opens a nested class (`[:name:]` is a
 * POSIX class), a `]` right after `[` or `[^` is literal, a backslash escapes the next character.
 */
function rustClassEnd(src: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      const posix = /^\[:\^?[a-z]+:\]/.exec(src.slice(i, i + 16));
      if (depth > 0 && posix) {
        i += posix[0].length;
        continue;
      }
      depth++;
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      continue;
    }
    if (c === ']') {
      depth--;
      i++;
      if (depth === 0) return i;
      continue;
    }
    i++;
  }
  return -1;
}

/** ASCII punctuation that JavaScript's `u` mode accepts after a backslash (outside a class). */
const JS_SYNTAX_CHARS = '^$\\.*+?()[]{}|/';

/**
 * Whether `src` compiles as a Rust `regex` crate pattern. Constructs Rust rejects (look-around,
 * backreferences) fail; Rust-only syntax (`(?P<n>…)`, inline flags, POSIX classes, `\A`, `\z`,
 * escaped punctuation) is rewritten for a JavaScript compile check. Where the rewrite cannot
 * follow Rust (class set operations, verbose mode) the pattern is given the benefit of the doubt.
 */
export function rustRegexFailure(src: string): FormatFailure | undefined {
  let out = '';
  let flags = 'u';
  let i = 0;
  let inClass = false;
  let classStart = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\\') {
      const d = src[i + 1];
      if (d === undefined) return fail('the regex ends with a lone backslash', i, 1);
      if (d >= '1' && d <= '9' && !inClass) return fail('backreferences (\\1 …) are not supported by PBS (Rust) regexes', i, 2);
      if (d === 'k' && src[i + 2] === '<') return fail('named backreferences are not supported by PBS (Rust) regexes', i, 2);
      if (d === 'A') {
        out += inClass ? 'A' : '^';
      } else if (d === 'z') {
        out += inClass ? 'z' : '$';
      } else if (d === 'p' || d === 'P') {
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          if (close < 0) return fail('unterminated \\p{…} class', i, n - i);
          out += src.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        const cls = src[i + 2];
        if (cls === undefined) return fail('incomplete \\p class', i, 2);
        out += `\\${d}{${cls}}`;
        i += 3;
        continue;
      } else if (d === 'x' && src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        if (close < 0) return fail('unterminated \\x{…} escape', i, n - i);
        out += `\\u{${src.slice(i + 3, close)}}`;
        i = close + 1;
        continue;
      } else if (d === 'a') {
        out += '\\x07';
      } else if (d === 'U' || (d === 'u' && src[i + 2] !== '{')) {
        const len = d === 'U' ? 8 : 4;
        const hex = src.slice(i + 2, i + 2 + len);
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          if (close < 0) return fail('unterminated \\U{…} escape', i, n - i);
          out += `\\u{${src.slice(i + 3, close)}}`;
          i = close + 1;
          continue;
        }
        out += `\\u{${hex}}`;
        i += 2 + len;
        continue;
      } else if (d === '<' || d === '>') {
        out += '\\b';
      } else if (d === 'b' && src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        out += '\\b';
        i = close < 0 ? n : close + 1;
        continue;
      } else if (/[!-/:-@[-`{-~]/.test(d) && !JS_SYNTAX_CHARS.includes(d) && !(inClass && d === '-')) {
        out += `\\x${d.charCodeAt(0).toString(16).padStart(2, '0')}`;
      } else {
        out += c + d;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
        if (posix && POSIX_CLASSES[posix[2]] !== undefined) {
          if (posix[1] === '^') return undefined; // negated POSIX class inside a class: cannot rewrite, trust Rust
          out += POSIX_CLASSES[posix[2]];
          i += posix[0].length;
          continue;
        }
        // a nested class (Rust set syntax): trusted if the brackets close, as Rust counts them
        return rustClassEnd(src, classStart) < 0 ? fail("unclosed character class (inside a class, Rust reads '[' as the start of a nested class)", classStart, n - classStart) : undefined;
      }
      if ((c === '&' && src[i + 1] === '&') || (c === '~' && src[i + 1] === '~') || (c === '-' && src[i + 1] === '-')) {
        // set operations: trusted if the brackets close
        return rustClassEnd(src, classStart) < 0 ? fail("unclosed character class (inside a class, Rust reads '[' as the start of a nested class)", classStart, n - classStart) : undefined;
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      out += c;
      i++;
      if (src[i] === '^') {
        out += '^';
        i++;
      }
      if (src[i] === ']') {
        out += '\\]'; // a leading ']' is literal in Rust
        i++;
      }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        return fail('look-ahead and look-behind are not supported by PBS (Rust) regexes', i, rest.startsWith('<') ? 4 : 3);
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('<') || rest.startsWith(':')) {
        out += '(?' + rest[0];
        i += 3;
        continue;
      }
      const fl = /^([a-zA-Z-]*)([:)])/.exec(rest);
      if (!fl) return fail('unknown group flag after "(?"', i, 2);
      const letters = fl[1].replace('-', '');
      for (const f of letters) {
        if (!'imsUxRu'.includes(f)) return fail(`unknown regex flag '${f}'`, i + 2 + fl[1].indexOf(f), 1);
      }
      if (fl[1].includes('x')) return undefined; // verbose mode: white space and comments change meaning
      if (fl[2] === ')') {
        if (out === '' && !fl[1].includes('-')) {
          if (fl[1].includes('i')) flags += 'i';
          if (fl[1].includes('m')) flags += 'm';
          if (fl[1].includes('s')) flags += 's';
        }
        i += 2 + fl[0].length;
        continue;
      }
      out += '(?:';
      i += 2 + fl[0].length;
      continue;
    }
    if (c === '{' && src[i + 1] === ',') {
      out += '{0';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) return fail("unclosed character class: missing ']'", n, 0);
  try {
    new RegExp(out, [...new Set(flags)].join(''));
    return undefined;
  } catch (e) {
    const m = /: ([^:]+)$/.exec((e as Error).message);
    return fail(`the regex does not compile: ${m ? m[1].trim().toLowerCase() : (e as Error).message}`, 0, n);
  }
}
