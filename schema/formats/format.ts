// What every format check shares: the failure and hint shapes, a format's entry in the table
// (check, words, diagnostic code, hints), character classes and the describing of one character.
import { isRustWhitespace } from '../../grammar/line-rules.ts';
import type { DiagnosticCode } from '../problem.ts';

/** Why a value does not fit its format; offset/length are inside the value text (length 0 = at that point). */
export interface FormatFailure {
  reason: string;
  offset: number;
  length: number;
  /**
   * When PBS notices: absent = its parser refuses the value (and the file); `load` = the parser
   * accepts it but loading the object into its Rust type fails; `use` = it fails when PBS uses it.
   */
  stage?: 'load' | 'use';
}

/** Something PBS accepts but that is often not what was meant (10MB vs 10MiB, `24:00`). */
export interface FormatHint {
  message: string;
  offset: number;
  length: number;
  /** `information` when the value very likely means something else, `hint` when it is only a little off. */
  severity: 'information' | 'hint';
  /** The value the admin most likely meant, for a quick fix. */
  replacement?: string;
}

export type FormatValidator = (value: string) => FormatFailure | undefined;

/** One PBS string format (reference schema.json → formats): its check and how messages name it. */
export interface FormatSpec {
  check: FormatValidator;
  /** Words for the format in messages ("is not a valid <label>") and in a key's type. */
  label: string;
  /** The diagnostic code of a value that fails the check (default `invalid-format`). */
  code?: DiagnosticCode;
  /** Accepted-but-surprising spellings of a value that passed the check. */
  hints?: (value: string) => FormatHint[];
  /**
   * Whether the value at [start, end) of `text` passes `check`, without slicing it out: the same
   * rule, for formats that have it (clean-check.ts reads a big file's values where they stand).
   */
  passesIn?: (text: string, start: number, end: number) => boolean;
}

export function fail(reason: string, offset = 0, length = 0): FormatFailure {
  return { reason, offset, length };
}

/** A character for a message: printable as itself, control and blank characters by code point. */
export function describeChar(s: string, i: number): string {
  const cp = s.codePointAt(i) ?? 0;
  if (cp === 9) return 'a tab';
  if (cp === 32) return "a blank (' ')";
  if (cp < 32 || cp === 0x7f) return `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (isRustWhitespace(cp) || cp === 0xfeff) return `the white-space character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

/** UTF-16 units of the character at `i` (2 for one outside the BMP). */
export function charLength(s: string, i: number): number {
  const cp = s.codePointAt(i) ?? 0;
  return cp > 0xffff ? 2 : 1;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** ASCII control characters, `[[:cntrl:]]` in Rust regex: 0x00–0x1F and 0x7F. */
export function isControl(c: number): boolean {
  return c < 32 || c === 0x7f;
}

/** A grammar/ parse result as a format failure. */
export function fromParse(r: { ok: true } | { ok: false; message: string; offset: number; length: number }): FormatFailure | undefined {
  return r.ok ? undefined : fail(r.message, r.offset, r.length);
}

/**
 * The grammar-backed checks are memoized per value: a file repeats its schedules and sizes in
 * many sections, and ajv's check, the hint pass and error messages ask for the same value.
 * Results are shared objects: callers copy, never change them.
 */
export function memo(check: FormatValidator): FormatValidator {
  const cache = new Map<string, FormatFailure | null>();
  return (s) => {
    let r = cache.get(s);
    if (r === undefined) {
      r = check(s) ?? null;
      if (cache.size >= 2048) cache.clear();
      cache.set(s, r);
    }
    return r ?? undefined;
  };
}
