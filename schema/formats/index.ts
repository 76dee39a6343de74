// Every PBS string format (reference schema.json → formats) as a named check: undefined when the
// value is fine, or a reason an admin can act on plus where in the value the problem starts.
//
// The checks restate PBS's regexes and verify functions as hand-written scanners, so each runs in
// time linear in the value and can point at the offending character. Where PBS accepts a value
// in the parser but fails when it loads or uses it (a realm longer than 32 characters, a CIDR
// prefix of 33), the check fails too and says so: the file is then broken all the same.
//
// The table: the plain formats of this folder, by theme, and the formats the value kinds of
// schema/values/ declare (schedules, sizes, time spans, fingerprints).
import { parseDailyDuration } from '../../grammar/daily-duration.ts';
import type { DiagnosticCode } from '../problem.ts';
import { VALUE_KINDS } from '../values/index.ts';
import { ADDRESS_FORMATS } from './addresses.ts';
import { fromParse, memo, type FormatHint, type FormatSpec, type FormatValidator } from './format.ts';
import { GROUP_FILTER_FORMATS } from './group-filter.ts';
import { NAME_FORMATS } from './names.ts';
import { S3_FORMATS } from './s3.ts';
import { TEXT_FORMATS } from './text.ts';
import { TOKEN_FORMATS } from './tokens.ts';
import { URL_FORMATS } from './urls.ts';

export { describeChar, type FormatFailure, type FormatHint, type FormatValidator } from './format.ts';
export { patternFailureOffset } from './pattern.ts';

const SPECS: Record<string, FormatSpec> = {
  ...NAME_FORMATS,
  ...TEXT_FORMATS,
  ...ADDRESS_FORMATS,
  ...URL_FORMATS,
  ...TOKEN_FORMATS,
  ...S3_FORMATS,
  ...GROUP_FILTER_FORMATS,
  'daily-duration': { check: memo((s) => fromParse(parseDailyDuration(s))), label: 'time window' },
};
for (const kind of VALUE_KINDS) {
  for (const [name, spec] of Object.entries(kind.formats ?? {})) {
    if (Object.hasOwn(SPECS, name)) throw new Error(`the format ${name} is declared twice (value kind ${kind.name})`);
    SPECS[name] = spec;
  }
}

export const FORMATS: Readonly<Record<string, FormatValidator>> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, spec.check]));

/** The formats that can check a value where it stands in a text (FormatSpec.passesIn). */
export const FORMATS_IN_TEXT: Readonly<Record<string, (text: string, start: number, end: number) => boolean>> = Object.fromEntries(
  Object.entries(SPECS).flatMap(([name, spec]) => (spec.passesIn ? [[name, spec.passesIn]] : [])),
);

/** Words for a format in messages ("is not a valid <label>"). */
export const FORMAT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, spec.label]));

/** The diagnostic code for a value that fails `format`. */
export function formatCode(format: string): DiagnosticCode {
  return (Object.hasOwn(SPECS, format) ? SPECS[format].code : undefined) ?? 'invalid-format';
}

/** Whether accepted values of `format` may still deserve a hint (calendar quirks, SI sizes). */
export function formatHasHints(format: string): boolean {
  return Object.hasOwn(SPECS, format) && SPECS[format].hints !== undefined;
}

const NO_HINTS: FormatHint[] = [];
const hintMemo = new Map<string, Map<string, FormatHint[]>>();

/**
 * Accepted-but-surprising spellings for a value of `format` that passed its check: calendar
 * quirks (`24:00` is minute 24 of every hour) and SI sizes (`10MB` is 10,000,000 bytes, not 10 MiB).
 */
export function formatHints(format: string, value: string): FormatHint[] {
  const hintsOf = Object.hasOwn(SPECS, format) ? SPECS[format].hints : undefined;
  if (hintsOf === undefined) return NO_HINTS;
  let byValue = hintMemo.get(format);
  if (byValue === undefined) hintMemo.set(format, (byValue = new Map()));
  let hints = byValue.get(value);
  if (hints === undefined) {
    hints = hintsOf(value);
    if (hints.length === 0) hints = NO_HINTS;
    if (byValue.size >= 2048) byValue.clear();
    byValue.set(value, hints);
  }
  return hints;
}
