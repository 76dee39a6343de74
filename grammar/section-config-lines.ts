// Where the runs of section-config lines end and where a header line is, found by scanning the text
// (grammar/section-config.ts's lexer tokens and the parse that reads their lines use them): a run
// of property lines, a run of blank lines, a header.

import { startCharsHint } from './lexers.ts';
import { isRustWhitespace } from './line-rules.ts';

/**
 * Where the run of property lines starting at `offset` ends (`offset` if there is none): each
 * starts with white space and has something else after it.
 */
export function propertyLinesEnd(text: string, offset: number): number {
  const length = text.length;
  let lineStart = offset;
  while (lineStart < length) {
    let i = lineStart;
    for (;;) {
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === 10 || !isRustWhitespace(c)) break;
      i++;
    }
    // not indented, or blank: the run ends before this line
    if (i === lineStart || i >= length || text.charCodeAt(i) === 10) break;
    const nl = text.indexOf('\n', i);
    lineStart = nl < 0 ? length : nl + 1;
  }
  return lineStart;
}

/**
 * Where the blank lines starting at `offset` end, as BlankLines reads them in a text that ends at
 * `limit` (`offset` if there are none): after the last line break of a run of white space and line
 * breaks, or at `limit` if the run reaches it.
 */
export function blankLinesEnd(text: string, offset: number, limit: number): number {
  let end = offset;
  for (let i = offset; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) end = i + 1;
    else if (!isRustWhitespace(c)) return end;
  }
  return limit;
}

// Rust `char::is_alphabetic` is the Unicode Alphabetic property. Chevrotain drops a pattern's `u`
// flag, so the header is a custom pattern: a letter first, then a ':' before the line ends.
const ALPHABETIC = /\p{Alphabetic}/uy;
/** Where a header may start: a Latin-1 letter, or any code unit above (headerColon tells the letters). */
export const HEADER_START = startCharsHint([
  ...Array.from({ length: 256 }, (_, c) => [c, c] as const).filter(([c]) => /\p{Alphabetic}/u.test(String.fromCharCode(c))),
  [256, 0xffff],
]);

/** Where the first ':' of the header line at `offset` is, or -1 if it is no header: a letter first, then a ':' before the line ends. */
export function headerColon(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) {
    if (c < 128) return -1;
    ALPHABETIC.lastIndex = offset;
    if (!ALPHABETIC.test(text)) return -1;
  }
  const length = text.length;
  let i = offset + 1;
  for (;;) {
    if (i >= length) return -1;
    const d = text.charCodeAt(i);
    if (d === 58) return i;
    if (d === 10) return -1;
    i++;
  }
}
