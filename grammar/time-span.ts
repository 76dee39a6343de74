// PBS time spans (media-pool `retention` and friends): the grammar of proxmox-time's TimeSpan
// (2026 version: normalized, empty input rejected, any Unicode white space between tokens).
//
// A Chevrotain lexer cuts the text into numbers, unit words (ASCII letters and `µ`, as PBS
// reads a unit: the longest such run), blanks and anything else; the grammar over those tokens
// is a flat loop `(number blank* unit?)+`, which a plain consumer expresses more directly than
// a parser class would. PBS quirks kept: the groups may come in any order and repeat (values
// add up), a number without a unit counts as seconds, blanks are optional everywhere.

import { createToken, type IToken } from 'chevrotain';
import { lazyLexer } from './lexers.ts';
import type { ValueParse } from './ast.ts';
import { decomposeTimeSpan, emptyParts, SECONDS_PER, type TimeSpan, type TimeUnit } from '../core/format/time-span.ts';

/** Unit spellings PBS accepts (case-sensitive), mapped to their part. */
export const TIME_UNIT_SPELLINGS: Record<string, TimeUnit> = {
  seconds: 'seconds', second: 'seconds', sec: 'seconds', s: 'seconds',
  msec: 'msec', ms: 'msec',
  usec: 'usec', us: 'usec', 'µs': 'usec',
  nsec: 'nsec', ns: 'nsec',
  minutes: 'minutes', minute: 'minutes', min: 'minutes', m: 'minutes',
  hours: 'hours', hour: 'hours', hr: 'hours', h: 'hours',
  days: 'days', day: 'days', d: 'days',
  weeks: 'weeks', week: 'weeks', w: 'weeks',
  months: 'months', month: 'months', M: 'months',
  years: 'years', year: 'years', y: 'years',
};

// Rust's char::is_whitespace (Unicode White_Space): unlike JavaScript's \s it includes U+0085
// and excludes U+FEFF.
const BLANK_CLASS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const Digits = createToken({ name: 'Digits', pattern: /[0-9]+/ });
const Word = createToken({ name: 'Word', pattern: /[A-Za-z\u00b5]+/ });
const Blank = createToken({ name: 'Blank', pattern: new RegExp(`[${BLANK_CLASS}]+`) });
const Other = createToken({ name: 'Other', pattern: new RegExp(`[^0-9A-Za-z\\u00b5${BLANK_CLASS}]+`) });

// `Other` is a complement class, so Chevrotain's first-character optimization is off; for values of
// a few dozen characters that costs nothing measurable.
const lexer = lazyLexer([Digits, Word, Blank, Other]);

const U64_MAX = (1n << 64n) - 1n;

function suggestUnit(word: string): string {
  const fixes: Record<string, string> = {
    mins: 'min', secs: 'sec', hrs: 'hr', H: 'h', D: 'd', W: 'w', Y: 'y', S: 's', Min: 'min', Sec: 'sec',
    yr: 'y', yrs: 'y', mo: 'M', mon: 'M', mth: 'M', wk: 'w', wks: 'w', msecs: 'msec', usecs: 'usec', nsecs: 'nsec',
    'μs': 'µs',
  };
  const lower = word.toLowerCase();
  const fix = fixes[word] ?? (Object.hasOwn(TIME_UNIT_SPELLINGS, lower) ? lower : undefined);
  return fix ? ` (did you mean '${fix}'?)` : '';
}

/** Parses a time span exactly as PBS accepts it; on failure says what and where. */
export function parseTimeSpan(text: string): ValueParse<TimeSpan> {
  const tokens: IToken[] = lexer().tokenize(text).tokens;
  const entered = emptyParts();
  const sums: Record<TimeUnit, bigint> = { years: 0n, months: 0n, weeks: 0n, days: 0n, hours: 0n, minutes: 0n, seconds: 0n, msec: 0n, usec: 0n, nsec: 0n };
  let i = 0;
  let any = false;
  const skipBlanks = () => {
    while (i < tokens.length && tokens[i].tokenType === Blank) i++;
  };
  for (;;) {
    skipBlanks();
    if (i >= tokens.length) break;
    const tok = tokens[i];
    if (tok.tokenType !== Digits) return unexpected(text, tokens, i, any);
    const num = BigInt(tok.image);
    if (num > U64_MAX) return { ok: false, message: `the number ${tok.image} is too large`, offset: tok.startOffset, length: tok.image.length };
    any = true;
    i++;
    skipBlanks();
    let unit: TimeUnit = 'seconds';
    const next = tokens[i];
    if (next && next.tokenType === Word) {
      const u = Object.hasOwn(TIME_UNIT_SPELLINGS, next.image) ? TIME_UNIT_SPELLINGS[next.image] : undefined;
      if (!u) {
        return {
          ok: false,
          message: `unknown time unit '${next.image}'${suggestUnit(next.image)}; units are y, M, w, d, h, m, s, ms, us, ns or their long forms`,
          offset: next.startOffset,
          length: next.image.length,
        };
      }
      unit = u;
      i++;
    }
    // PBS adds with plain u64 arithmetic, which wraps in its release builds.
    sums[unit] = (sums[unit] + num) & U64_MAX;
  }
  if (!any) {
    return { ok: false, message: text.length === 0 ? 'empty time span' : 'a time span needs at least one number', offset: 0, length: text.length };
  }
  // Carry the sub-second parts into seconds, then add everything up (PBS: "time span too large"
  // past 2^64 - 1 seconds).
  const subNanos = (sums.msec % 1000n) * 1_000_000n + (sums.usec % 1_000_000n) * 1000n + (sums.nsec % 1_000_000_000n);
  let total = sums.seconds + sums.msec / 1000n + sums.usec / 1_000_000n + sums.nsec / 1_000_000_000n + subNanos / 1_000_000_000n;
  for (const u of ['years', 'months', 'weeks', 'days', 'hours', 'minutes'] as const) total += sums[u] * BigInt(SECONDS_PER[u]);
  if (total > U64_MAX) {
    return { ok: false, message: 'time span too large (more than 2^64 - 1 seconds)', offset: 0, length: text.length };
  }
  for (const k of Object.keys(sums) as TimeUnit[]) entered[k] = Number(sums[k]);
  const nanos = Number(subNanos % 1_000_000_000n);
  const wholeSeconds = Number(total);
  return {
    ok: true,
    value: { seconds: wholeSeconds + nanos / 1e9, wholeSeconds, nanos, parts: decomposeTimeSpan(total, nanos), entered },
  };
}

/** The error for a token where PBS expected a number. */
function unexpected(text: string, tokens: IToken[], i: number, any: boolean): ValueParse<TimeSpan> {
  const tok = tokens[i];
  const at = { offset: tok.startOffset, length: tok.image.length };
  const prev = i > 0 ? tokens[i - 1] : undefined;
  if (tok.image.startsWith('.') && prev?.tokenType === Digits && tokens[i + 1]?.tokenType === Digits) {
    const frac = tokens[i + 1];
    const unit = tokens[i + 2]?.tokenType === Word ? tokens[i + 2] : undefined;
    const end = (unit ?? frac).startOffset + (unit ?? frac).image.length;
    return { ok: false, message: "time spans take whole numbers only: write e.g. '1h 30m' instead of '1.5h'", offset: prev.startOffset, length: end - prev.startOffset };
  }
  if (tok.image.startsWith('\u03bc')) {
    return { ok: false, message: "'μ' is the Greek letter mu: write microseconds as 'us' or with the micro sign 'µs' (U+00B5)", ...at };
  }
  if (tok.image.startsWith('-') || tok.image.startsWith('+')) {
    return { ok: false, message: 'a time span has no sign', ...at };
  }
  if (tok.tokenType === Word) {
    if (prev?.tokenType === Word || (prev?.tokenType === Blank && tokens[i - 2]?.tokenType === Word)) {
      return { ok: false, message: `expected a number before '${tok.image}'`, ...at };
    }
    return { ok: false, message: any ? `expected a number before '${tok.image}'` : `expected a number, found '${tok.image}'`, ...at };
  }
  void text;
  return { ok: false, message: `unexpected '${tok.image}' in a time span (expected a number and a unit, e.g. '1d 12h')`, ...at };
}
