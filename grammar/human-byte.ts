// PBS byte sizes (rate/burst limits, max-cache-size, thresholds): the grammar of
// proxmox-human-byte's HumanByte.
//
// PBS reads a size from its end: one optional `b`/`B`, then an optional lower-case `i` (binary
// units), then an optional unit letter `k m g t p` in either case, then trailing white space,
// and what is left must be a Rust f64 literal. Reading from the end is not something a
// left-to-right token grammar says naturally (`1i` is one byte, `10 MiB` works, `10 M iB`
// does not), so this is the same suffix stripping followed by one linear regex for the number.

import type { ValueParse } from './ast.ts';
import { SIZE_UNIT_FACTOR, type HumanByte, type SizeUnit } from '../core/format/human-byte.ts';

const PREFIX: Record<string, string> = { k: 'K', m: 'M', g: 'G', t: 'T', p: 'P' };

// Rust's char::is_whitespace, for the trim before the number.
const RUST_BLANK = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

// A Rust f64 literal as `str::parse::<f64>` takes it: optional sign, then inf/infinity/nan in
// any case, or digits with an optional point and exponent (at least one digit in the mantissa).
const RUST_F64 = /^[+-]?(?:inf|infinity|nan|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$/i;
// The longest start of a text that reads as a number, for pointing at what follows it.
const NUMBER_PREFIX = /^[+-]?(?:inf(?:inity)?|nan|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)?/i;

function parseRustF64(t: string): number | undefined {
  if (!RUST_F64.test(t)) return undefined;
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '').toLowerCase();
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity;
  if (body === 'nan') return NaN;
  return Number(t);
}

/** Parses a size exactly as PBS accepts it; on failure says what and where. */
export function parseHumanByte(text: string): ValueParse<HumanByte> {
  let end = text.length;
  const last = () => text[end - 1];
  if (end > 0 && (last() === 'b' || last() === 'B')) end--;
  let binary = false;
  if (end > 0 && last() === 'i') {
    end--;
    binary = true;
  }
  let unit: SizeUnit = 'B';
  const p = end > 0 ? PREFIX[last().toLowerCase()] : undefined;
  if (p) {
    unit = (binary ? `${p}iB` : `${p}B`) as SizeUnit;
    end--;
  }
  const unitStart = end;
  while (end > 0 && RUST_BLANK.test(text.slice(end - 1, end))) end--;
  const numText = text.slice(0, end);
  const size = parseRustF64(numText);
  if (size === undefined) return explain(text, numText, unitStart);
  if (size < 0) return { ok: false, message: 'a size cannot be negative', offset: 0, length: numText.length };
  const isBinary = unit.endsWith('iB');
  return {
    ok: true,
    value: { bytes: size * SIZE_UNIT_FACTOR[unit], size, unit, binary: isBinary, si: unit !== 'B' && !isBinary },
  };
}

const UNITS_HINT = 'B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024)';

function explain(text: string, numText: string, unitStart: number): ValueParse<HumanByte> {
  if (text.length === 0) return { ok: false, message: `empty size: expected a number with an optional unit (${UNITS_HINT})`, offset: 0, length: 0 };
  if (numText.length === 0) return { ok: false, message: `a size needs a number before the unit`, offset: 0, length: text.length };
  if (/^[\s]/.test(text)) return { ok: false, message: 'a size may not start with a blank', offset: 0, length: 1 };
  const num = NUMBER_PREFIX.exec(text)?.[0] ?? '';
  if (num.length === 0) {
    return { ok: false, message: `expected a number at the start of '${text}'`, offset: 0, length: text.length };
  }
  // Everything after the number is meant as the unit.
  let u = num.length;
  while (u < text.length && /\s/.test(text[u])) u++;
  const unitText = text.slice(u);
  const at = { offset: u, length: text.length - u };
  if (/^[kmgtp]IB?$/i.test(unitText) && /I/.test(unitText)) {
    return { ok: false, message: `unknown unit '${unitText}': the 'i' of binary units must be lower-case ('${unitText[0].toUpperCase()}iB')`, ...at };
  }
  if (/^[eEzZyY]i?[bB]?$/.test(unitText)) return { ok: false, message: `unit '${unitText}' is not supported: the largest units are PB and PiB`, ...at };
  if (/^[kmgtp]i?b?s$/i.test(unitText) || /^bytes?$/i.test(unitText)) {
    return { ok: false, message: `unknown unit '${unitText}': write the symbol without plural or words (${UNITS_HINT})`, ...at };
  }
  if (/\s$/.test(text)) return { ok: false, message: 'a size may not end with a blank', offset: text.length - 1, length: 1 };
  void unitStart;
  return { ok: false, message: `unknown unit '${unitText}' (use ${UNITS_HINT})`, ...at };
}
