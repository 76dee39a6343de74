// Durations: `time-span` strings (`1w 2d`, `30 days`) and integer counts of seconds, minutes or
// days (`x-pbs-unit`), shown in PBS's own time-span form.
import { parseTimeSpan } from '../../grammar/time-span.ts';
import { formatTimeSpan } from '../../core/format/time-span.ts';
import { fromParse, memo } from '../formats/format.ts';
import type { DocWriter, ValueInlayHint, ValueKind } from './value-kind.ts';
import { hasUnit, hintInteger, unitNumber } from './value-kind.ts';

const UNITS = { seconds: 'seconds', minutes: 'minutes', days: 'days' } as const;
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, days: 86400 };

export const timeSpanCheck = memo((s) => fromParse(parseTimeSpan(s)));

export const timeSpan: ValueKind = {
  name: 'time-span',
  matches: (schema) => schema.format === 'time-span' || hasUnit(schema, UNITS),
  formats: { 'time-span': { check: timeSpanCheck, label: 'time span', code: 'invalid-time-span' } },
  units: UNITS,
  describe(text, schema, hover) {
    if (schema.format === 'time-span') {
      hover.w.title(text, hover.label);
      spanLines(hover.w, text);
      return;
    }
    const n = unitNumber(text, hover);
    if (n === undefined) return;
    const unit = schema['x-pbs-unit']!;
    hover.w.para(`${n} ${n === 1 ? unit.slice(0, -1) : unit} = ${hover.w.c(formatTimeSpan(n * UNIT_SECONDS[unit]))}`);
  },
  inlayHint(text, schema) {
    if (schema.format === 'time-span') return spanHint(text);
    const n = hintInteger(text);
    return n !== undefined && n > 0 ? { label: `= ${formatTimeSpan(n * UNIT_SECONDS[schema['x-pbs-unit']!])}` } : undefined;
  },
};

/** A time span in PBS's form and in seconds, or why it is not one. */
export function spanLines(w: DocWriter, text: string): void {
  const r = parseTimeSpan(text);
  if (!r.ok) {
    w.para(`Not a time span: ${r.message}.`);
    return;
  }
  w.para(`Time span: ${w.c(formatTimeSpan(r.value.seconds))} (${r.value.seconds} seconds)`);
}

/** The inlay hint of a time span that parses. */
export function spanHint(text: string): ValueInlayHint | undefined {
  const r = parseTimeSpan(text);
  return r.ok ? { label: `= ${formatTimeSpan(r.value.seconds)}` } : undefined;
}
