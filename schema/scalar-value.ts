// Scalars as proxmox-schema's parse_simple_value reads them from a config file: booleans
// (1/on/yes/true, 0/off/no/false, any case), i64 integers, f64 numbers (inf and nan included),
// and strings as they are. A value that does not convert is FAILED; schema/typed-properties/convert.ts
// says why, in the property's words.

export const FAILED = Symbol('failed');
export type Converted = unknown | typeof FAILED;

export const INTEGER = /^[+-]?[0-9]+$/;
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * The spellings of a boolean: proxmox-schema's parse_boolean (proxmox-schema/src/schema.rs)
 * compares `to_lowercase()` with 1/on/yes/true and 0/off/no/false; told apart by length first.
 */
export function booleanIn(text: string, start: number, end: number): boolean | undefined {
  switch (end - start) {
    case 1: {
      const c = text.charCodeAt(start);
      return c === 49 ? true : c === 48 ? false : undefined;
    }
    case 2:
      return isWordIn(text, start, 'on') ? true : isWordIn(text, start, 'no') ? false : undefined;
    case 3:
      return isWordIn(text, start, 'yes') ? true : isWordIn(text, start, 'off') ? false : undefined;
    case 4:
      return isWordIn(text, start, 'true') ? true : undefined;
    case 5:
      return isWordIn(text, start, 'false') ? false : undefined;
    default:
      return undefined;
  }
}

/** Whether `word` (lower case ASCII) stands at `start` of `text`, in any case. */
function isWordIn(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(start + i);
    // ASCII upper case to lower: of all other characters only U+0130 and U+212A lower-case to
    // something with ASCII in it ('i̇', 'k'), and neither is in any of these words
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Longer integers may not fit a double exactly (and may not fit i64): scalarValue checks them with BigInt. */
export const SHORT_INTEGER = 15;

/**
 * The integer spelled at [start, end) of `text` (an optional sign and digits, at most 15
 * characters in all), if it is one; undefined for anything else, longer integers included.
 */
export function shortIntegerIn(text: string, start: number, end: number): number | undefined {
  if (end - start > SHORT_INTEGER || end <= start) return undefined;
  const sign = text.charCodeAt(start);
  const negative = sign === 45;
  let i = negative || sign === 43 ? start + 1 : start;
  if (i === end) return undefined;
  let n = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/** A scalar's typed value as proxmox-schema parses it, or FAILED (nothing reported). */
export function scalarValue(shape: string, text: string): Converted {
  switch (shape) {
    case 'boolean':
      return booleanIn(text, 0, text.length) ?? FAILED;
    case 'integer':
      if (text.length <= SHORT_INTEGER) return shortIntegerIn(text, 0, text.length) ?? FAILED;
      if (!INTEGER.test(text)) return FAILED;
      {
        const big = BigInt(text);
        if (big < I64_MIN || big > I64_MAX) return FAILED;
      }
      return Number(text);
    case 'number':
      if (FLOAT.test(text)) return Number(text);
      if (FLOAT_SPECIAL.test(text)) return /nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity;
      return FAILED;
    default:
      return text;
  }
}
