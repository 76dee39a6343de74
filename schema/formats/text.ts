// Free text: single-line comments (and passwords) and multi-line comments, which PBS refuses
// with control characters in them.
import { describeChar, fail, isControl, type FormatSpec, type FormatValidator } from './format.ts';

function firstControl(s: string): number {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return i;
  return -1;
}

const CONTROL = /[\x00-\x1f\x7f]/;

const singleLine: FormatValidator = (s) => {
  if (!CONTROL.test(s)) return undefined;
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
  'single-line-comment': { check: singleLine, label: 'single-line text' },
  'multi-line-comment': { check: multiLine, label: 'text' },
  password: { check: singleLine, label: 'password' },
};
