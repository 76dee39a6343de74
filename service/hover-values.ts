// Hover on a value: sizes in bytes (and PBS's IEC and SI forms), time spans, schedules in words
// with their next runs, epochs, enum values, booleans, fingerprints and references.
import type { PropertyNode, SectionNode, Span } from '../grammar/ast.ts';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { parseHumanByte } from '../grammar/human-byte.ts';
import { parseTimeSpan } from '../grammar/time-span.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { formatEpoch, zonedTime } from '../core/format/epoch.ts';
import { formatHumanByte, formatHumanByteValue, humanByteToU64 } from '../core/format/human-byte.ts';
import { RUNS_HORIZON_TEXT, searchRuns } from '../core/format/next-runs.ts';
import { formatTimeSpan } from '../core/format/time-span.ts';
import type { PbsSchema } from '../schema/registry.ts';
import type { HoverContext as Ctx } from './hover-context.ts';
import { refTarget, typeSummary } from './hover-keys.ts';
import { refLines } from './hover-refs.ts';
import type { Writer } from './hover-writer.ts';

/** How many runs of a schedule a hover lists. */
const RUNS = 5;

/** The documentation of `value` of `key` (written `label` in titles), by the value's kind. */
export function valueDoc(ctx: Ctx, key: string, schema: PbsSchema, value: Span, lines: PropertyNode[], section: SectionNode | undefined, label: string): void {
  const { w } = ctx;
  const text = value.text;
  const unit = schema['x-pbs-unit'];
  if (schema['x-pbs-ref']) {
    w.title(text, `${label}: ${refTarget(schema['x-pbs-ref'])}`);
    refLines(ctx, value, schema, section, lines);
    return;
  }
  if (schema.enum) {
    w.title(text, label);
    if (schema.enum.map(String).includes(text)) {
      const meaning = enumMeaning(schema.description, text);
      w.para(meaning ? `${w.c(text)}: ${meaning}` : `One of ${schema.enum.map((v) => w.c(String(v))).join(', ')}.`);
      if (schema.default !== undefined && String(schema.default) === text) w.para('This is the default.');
    } else {
      w.para(`Not a value of \`${key}\`; PBS accepts ${schema.enum.map((v) => w.c(String(v))).join(', ')}.`);
    }
    return;
  }
  if (schema.type === 'boolean') {
    const b = parseBool(text);
    w.title(text, label);
    w.para(b === undefined ? 'Not a boolean; PBS accepts 1, on, yes, true and 0, off, no, false (any case).' : `Boolean: ${w.c(String(b))}.`);
    if (schema.default !== undefined) w.field('Default', w.c(String(schema.default)));
    return;
  }
  if (schema.format === 'human-byte') {
    const r = parseHumanByte(text);
    w.title(text, label);
    if (!r.ok) w.para(`Not a size: ${r.message}.`);
    else sizeLines(w, r.value.bytes, unit === 'bytes-per-second', formatHumanByteValue(r.value));
    return;
  }
  if (schema.format === 'calendar-event' || (schema.format === 'media-set-policy' && text !== 'continue' && text !== 'always')) {
    w.title(text, label);
    scheduleLines(ctx, text);
    return;
  }
  if (schema.format === 'media-set-policy') {
    w.title(text, label);
    w.para(text === 'continue' ? 'Keep appending to the current media set.' : 'Start a new media set for every tape backup job run.');
    return;
  }
  if (schema.format === 'media-retention-policy') {
    w.title(text, label);
    if (text === 'keep') w.para('Written tapes are kept (protected) forever.');
    else if (text === 'overwrite') w.para('Written tapes may be overwritten at once.');
    else spanLines(w, text);
    return;
  }
  if ((schema.type === 'integer' || schema.type === 'number') && unit) {
    w.title(text, label);
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      w.para(`Not a number.`);
      return;
    }
    switch (unit) {
      case 'bytes':
        sizeLines(w, n, false, undefined);
        break;
      case 'bytes-per-second':
        sizeLines(w, n, true, undefined);
        break;
      case 'seconds':
      case 'minutes':
      case 'days': {
        const factor = unit === 'seconds' ? 1 : unit === 'minutes' ? 60 : 86400;
        w.para(`${n} ${n === 1 ? unit.slice(0, -1) : unit} = ${w.c(formatTimeSpan(n * factor))}`);
        break;
      }
      case 'epoch':
        epochLines(ctx, n, key);
        break;
      case 'requests-per-second':
        w.para(`${n} request${n === 1 ? '' : 's'} per second${n === 0 ? ' (0 = unlimited)' : ''}`);
        break;
      default:
        w.para(`${n} ${unit}`);
    }
    return;
  }
  if (schema.format === 'sha256-fingerprint') {
    w.title(text, label);
    const hex = text.replace(/:/g, '');
    w.para(/^[0-9a-fA-F]{64}$/.test(hex) ? `SHA-256 fingerprint (32 bytes): ${w.c(hex.toLowerCase().replace(/(..)(?!$)/g, '$1:'))}` : 'Not a SHA-256 fingerprint (32 hex byte pairs separated by `:`).');
    return;
  }
  // Anything else: the key's own documentation, short.
  w.title(text === '' ? key : text, `${label}: ${typeSummary(schema)}`);
  w.para(schema.description);
  if (schema['x-pbs-deprecated']) w.para(`${w.b('Deprecated:')} ${schema['x-pbs-deprecated']}`);
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === '1' || t === 'on' || t === 'yes' || t === 'true') return true;
  if (t === '0' || t === 'off' || t === 'no' || t === 'false') return false;
  return undefined;
}

/** What a description says about one enum value: the text after `` `value` `` in parentheses or after `=`. */
export function enumMeaning(description: string | undefined, value: string): string | undefined {
  if (!description) return undefined;
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const paren = new RegExp('`' + esc + '`\\s*\\(([^)]*)\\)').exec(description);
  if (paren) return paren[1];
  const eq = new RegExp('`' + esc + '`\\s*(?:=|:|—|-)\\s*([^;.`]*[^;.`\\s])').exec(description);
  return eq ? eq[1] : undefined;
}

/** A byte count as PBS prints it: bytes, the IEC and SI forms (per second for rates). */
function sizeLines(w: Writer, bytes: number, perSecond: boolean, written: string | undefined): void {
  const s = perSecond ? '/s' : '';
  const whole = humanByteToU64({ bytes });
  w.para(`${w.b(`${whole} bytes${s}`)}${written ? ` (${w.c(written + s)})` : ''}`);
  w.field('IEC', `${formatHumanByte(bytes, 'binary')}${s}`);
  w.field('SI', `${formatHumanByte(bytes, 'decimal')}${s}`);
}

function spanLines(w: Writer, text: string): void {
  const r = parseTimeSpan(text);
  if (!r.ok) {
    w.para(`Not a time span: ${r.message}.`);
    return;
  }
  w.para(`Time span: ${w.c(formatTimeSpan(r.value.seconds))} (${r.value.seconds} seconds)`);
}

function scheduleLines(ctx: Ctx, text: string): void {
  const { w, options } = ctx;
  const r = parseCalendarEvent(text);
  if (!r.ok) {
    w.para(`Not a calendar event: ${r.message}.`);
    return;
  }
  w.para(`Runs ${describeCalendarEvent(r.value)}.`);
  const { runs, end } = searchRuns(r.value, options.now ?? new Date(), RUNS, options.timeZone);
  if (runs.length === 0) {
    w.para(end === 'horizon' ? `No run before ${RUNS_HORIZON_TEXT}, where the search stops.` : 'It never runs: no moment matches this event.');
    return;
  }
  const zone = zonedTime(0, options.timeZone).timeZone;
  // A machine (or TZ) on UTC: one column is enough.
  const utcOnly = zone === 'UTC' || zone === 'Etc/UTC';
  w.para(`Next ${runs.length === 1 ? 'run' : `${runs.length} runs`} (${utcOnly ? 'UTC' : `${zone} · UTC`}):`);
  w.list(runs.map((d) => {
    const t = Math.floor(d.getTime() / 1000);
    return utcOnly ? `${wallClock(t, 'UTC')} UTC` : `${wallClock(t, options.timeZone)} · ${wallClock(t, 'UTC')} UTC`;
  }));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon 2025-03-03 02:00 +01:00` (UTC without the offset); seconds only when not zero. */
function wallClock(epoch: number, timeZone: string | undefined): string {
  const z = zonedTime(epoch, timeZone);
  const [date, time] = z.wallClock.split(' ');
  const day = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  const hm = time.endsWith(':00') ? time.slice(0, 5) : time;
  if (timeZone === 'UTC') return `${day} ${date} ${hm}`;
  const off = formatEpoch(epoch, timeZone)?.local.slice(19) ?? '';
  return `${day} ${date} ${hm} ${off}`;
}

function epochLines(ctx: Ctx, n: number, key: string): void {
  const { w, options } = ctx;
  if (n === 0 && key === 'expire') {
    w.para('0 = never expires.');
    return;
  }
  const e = formatEpoch(n, options.timeZone);
  if (!e) {
    w.para(`${w.c(String(n))} seconds is beyond any calendar date (past the year 275760)${key === 'expire' ? ': in effect this never expires' : ''}.`);
    return;
  }
  w.field('Local', e.local);
  w.field('UTC', e.utc);
  if (key === 'expire') {
    const now = (options.now ?? new Date()).getTime() / 1000;
    w.para(n <= now ? 'Expired.' : `Expires in ${formatTimeSpan(n - now)}.`);
  }
}
