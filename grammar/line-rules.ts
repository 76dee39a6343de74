// Line rules shared by the line-based PBS grammars (section-config, acl.cfg, node.cfg): what Rust
// calls white space, where a line ends, the leading byte order mark, and lexing a big text in
// slices so that token arrays stay short-lived.

import { createToken, type ILexingResult, type IToken, type Lexer, type TokenType } from 'chevrotain';
import type { SyntaxProblem } from './ast.ts';
import { CappedList, MAX_PROBLEMS_PER_FILE } from './limits.ts';
import { startCharsHint, type CodeUnitRanges } from './lexers.ts';

/**
 * The code units Rust `char::is_whitespace` accepts (Unicode White_Space, all in the BMP), but
 * `\n`: the one list the class below and the lexers' hints are made from.
 */
const RUST_WS_BUT_NEWLINE_RANGES: CodeUnitRanges = [
  [0x09, 0x09],
  [0x0b, 0x0d],
  [0x20, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];

const unicodeEscape = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/** Rust `char::is_whitespace` (Unicode White_Space) as a regex character-class body, without `\n`. */
export const RUST_WS_CLASS = RUST_WS_BUT_NEWLINE_RANGES.map(([first, last]) =>
  first === last ? unicodeEscape(first) : `${unicodeEscape(first)}-${unicodeEscape(last)}`,
).join('');

/**
 * Rust `char::is_whitespace` for one UTF-16 code unit (every White_Space character is in the BMP):
 * the ranges above and `\n`, as tests written out for speed.
 * Unlike JavaScript's `\s` / `String.trim`, U+FEFF is not white space and U+0085 is.
 */
export function isRustWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** First offset in [from, to) that is not Rust white space (`to` if none). */
export function skipRustWhitespace(text: string, from: number, to: number): number {
  while (from < to && isRustWhitespace(text.charCodeAt(from))) from++;
  return from;
}

/** Offset just past the last non-white-space code unit in [from, to) (`from` if none). */
export function trimRustWhitespaceEnd(text: string, from: number, to: number): number {
  while (to > from && isRustWhitespace(text.charCodeAt(to - 1))) to--;
  return to;
}

/**
 * End of a line's content, given the end of its token (just past its `\n`, or the end of the
 * text): without the `\n` and a `\r` right before it, as Rust's `str::lines` gives the line. A `\r`
 * that is not followed by `\n` stays part of the line.
 */
export function lineContentEnd(text: string, lineStart: number, tokenEnd: number): number {
  let end = tokenEnd;
  if (end > lineStart && text.charCodeAt(end - 1) === 10) {
    end--;
    if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
  }
  return end;
}

export const BOM_MESSAGE = 'PBS cannot parse a file starting with a byte order mark (BOM); remove it';

/**
 * How much of `text` to skip for a U+FEFF at offset 0 of the document (`baseOffset` is where
 * `text` stands in it), and the problem to report: the rest is then read as if it were absent.
 */
function leadingBom(text: string, baseOffset: number): { skip: number; problem?: SyntaxProblem } {
  if (baseOffset === 0 && text.charCodeAt(0) === 0xfeff) {
    return { skip: 1, problem: { start: 0, end: 1, message: BOM_MESSAGE } };
  }
  return { skip: 0 };
}

/** The problem list a file's parse starts with (the leading BOM's, if any) and where to start lexing. */
export function startParse(text: string, baseOffset: number): { problems: CappedList<SyntaxProblem>; skip: number } {
  const problems = new CappedList<SyntaxProblem>(MAX_PROBLEMS_PER_FILE);
  const bom = leadingBom(text, baseOffset);
  if (bom.problem) problems.push(bom.problem);
  return { problems, skip: bom.skip };
}

/** Start-character hint of a token that may start with any code unit but `\n`. */
export const ANY_BUT_NEWLINE: readonly number[] = startCharsHint([
  [0, 9],
  [11, 0xffff],
]);

/** Start-character hint of a token that starts with Rust white space other than `\n`. */
export const RUST_WS_BUT_NEWLINE: readonly number[] = startCharsHint(RUST_WS_BUT_NEWLINE_RANGES);

/** Any non-empty line with its `\n`: the last token of a line lexer, for whatever the others leave. */
export function anyLineToken(name: string): TokenType {
  return createToken({ name, pattern: /[^\n]+\n?/, start_chars_hint: [...ANY_BUT_NEWLINE], line_breaks: true });
}

/** Characters per lexer call: keeps each token array young, so the garbage collector stays cheap. */
const SLICE_SIZE = 1 << 16;

/**
 * Tokenizes `text` from `from` on with a line lexer, in slices that end at line breaks, and calls
 * `visit` with each token and its offset in `text`. The lexer's tokens must never span a line
 * break other than their own trailing one (blank-line runs may, and are then split in two).
 * `startSlice`, if given, is told each slice (offsets in `text`) before it is lexed: for custom
 * patterns that read what they match into the parse (their match offsets are the slice's).
 * Returns the lexer's errors (offsets in `text`).
 */
export function lexLines(
  lexer: Lexer,
  text: string,
  from: number,
  visit: (token: IToken, start: number, end: number) => void,
  startSlice?: (start: number, end: number) => void,
): { start: number; end: number }[] {
  const errors: { start: number; end: number }[] = [];
  const length = text.length;
  let sliceStart = from;
  while (sliceStart < length) {
    let sliceEnd = length;
    if (sliceStart + SLICE_SIZE < length) {
      const nl = text.indexOf('\n', sliceStart + SLICE_SIZE);
      if (nl >= 0) sliceEnd = nl + 1;
    }
    const slice = sliceStart === 0 && sliceEnd === length ? text : text.slice(sliceStart, sliceEnd);
    startSlice?.(sliceStart, sliceEnd);
    const result: ILexingResult = lexer.tokenize(slice);
    const tokens = result.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const start = t.startOffset + sliceStart;
      visit(t, start, start + t.image.length);
    }
    for (const e of result.errors) errors.push({ start: e.offset + sliceStart, end: e.offset + sliceStart + e.length });
    sliceStart = sliceEnd;
  }
  return errors;
}

/**
 * One or more blank lines (nothing but Rust white space), each with its `\n`; or white space at
 * the end of the text. Shared by the section-config, acl.cfg and node.cfg lexers.
 */
export const BlankLines = createToken({
  name: 'BlankLines',
  pattern: new RegExp(`[${RUST_WS_CLASS}\\n]*\\n|[${RUST_WS_CLASS}]+(?![^])`),
  line_breaks: true,
});
