// Free text: single-line comments (and passwords) and multi-line comments, which PBS refuses
// with control characters in them.
import { describeChar, fail, isControl, type FormatSpec, type FormatValidator } from './format.ts';

/** The first control character at or after `start` and before `end` of `s`, or -1. */
function firstControl(s: string, start = 0, end = s.length): number {
  for (let i = start; i < end; i++) if (isControl(s.charCodeAt(i))) return i;
  return -1;
}

const singleLinePassesIn = (text: string, start: number, end: number): boolean => firstControl(text, start, end) < 0;

// A loop rather than a regex: for the short values of config lines (every comment, name and
// password of a file) it is a few times faster than a call into the regex engine.
const singleLine: FormatValidator = (s) => {
  const i = firstControl(s);
  if (i < 0) return undefined;
  return fail(`${describeChar(s, i)} is not allowed (a single line without control characters)`, i, 1);
};

/** Rust `(?m)^[[:^cntrl:]]*$` with `is_match`: fine as soon as one line is free of control characters. */
const multiLine: FormatValidator = (s) => {
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    let clean = true;
    for (let i = start; i < end; i++) {
      if (isControl(s.charCodeAt(i))) {
        clean = false;
        break;
      }
    }
    if (clean) return undefined;
    if (nl < 0) break;
    start = nl + 1;
  }
  const i = firstControl(s);
  return fail(`${describeChar(s, i)} is not allowed (no control characters)`, i, 1);
};

export const TEXT_FORMATS: Readonly<Record<string, FormatSpec>> = {
  'single-line-comment': { check: singleLine, label: 'single-line text', passesIn: singleLinePassesIn },
  'multi-line-comment': { check: multiLine, label: 'text' },
  password: { check: singleLine, label: 'password', passesIn: singleLinePassesIn },
};
