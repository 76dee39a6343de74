// Properties of the value grammars on their own: any text is answered with a value or a located
// message (never an exception, never an offset outside the text), and the printers round-trip:
// what PBS-style printing writes, parsing reads back as the same value.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { parseAcl } from '../../grammar/acl.ts';
import { WEEKDAY_BITS } from '../../core/format/calendar-event.ts';
import { parseCalendarEvent } from '../../grammar/calendar-event.ts';
import { parseDailyDuration } from '../../grammar/daily-duration.ts';
import { parseHumanByte } from '../../grammar/human-byte.ts';
import { parseNodeConfig } from '../../grammar/node-config.ts';
import { parsePropertyString } from '../../grammar/property-string.ts';
import { parseSectionConfig } from '../../grammar/section-config.ts';
import { parseTimeSpan } from '../../grammar/time-span.ts';
import type { ValueParse } from '../../grammar/ast.ts';
import { formatHumanByteValue, type SizeUnit } from '../../core/format/human-byte.ts';
import { nextRuns } from '../../core/format/next-runs.ts';
import { formatTimeSpan } from '../../core/format/time-span.ts';
import { named, type NamedProperty } from './engine-properties.ts';
import { authIdChecked, PLAIN_AUTH_ID, PLAIN_TOKEN_ID, PLAIN_USER_ID, tokenIdChecked, userIdChecked } from '../../schema/formats/names.ts';

/** Text that looks like values (digits, units, separators) more often than pure noise does. */
const valueish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.array(fc.constantFrom('0', '1', '2', '5', '9', '12', '24', '60', '.', '..', ',', ':', '/', '*', '-', ' ', '=', '"', '\\', 'mon', 'fri', 'sun', 'daily', 'hourly', 'KiB', 'MB', 'TiB', 'b', 'h', 'min', 'm', 's', 'y', 'w', 'd', 'key', 'utc', 'e'), { maxLength: 14 }).map((a) => a.join('')),
);

function located<T>(text: string, r: ValueParse<T>): void {
  if (r.ok) return;
  assert.ok(typeof r.message === 'string' && r.message.length > 0, 'a failure without a message');
  assert.ok(r.offset >= 0 && r.length >= 0 && r.offset + r.length <= text.length, `failure at ${r.offset}+${r.length} outside '${text}' (${text.length})`);
}

const UNITS: SizeUnit[] = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** A property-string value as proxmox-schema would need it written: quoted when it holds a separator or a quote. */
function printValue(v: string): string {
  if (v === '' || !/[",\\\n]/.test(v)) return v;
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const hourList = fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 });
const minuteList = fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 });
const weekdayNames = Object.keys(WEEKDAY_BITS) as (keyof typeof WEEKDAY_BITS)[];

/** Text made of the pieces user and token ids are made of, and of what breaks them. */
const idish = fc
  .array(fc.constantFrom('root', 'u', 'a.b', '_x', '-', '.', '@', '!', 'pam', 'pbs', 'pve', ':', '/', ' ', '\t', '\u00a0', '\ufeff', 'é', '\x7f', 'x'.repeat(31), '9'), { maxLength: 10 })
  .map((a) => a.join(''));

export const GRAMMAR_PROPERTIES: NamedProperty[] = [
  named(
    "user, token and auth ids: the one-regex fast path accepts nothing the full check refuses",
    1,
    fc.property(fc.oneof(idish, fc.string({ maxLength: 30 })), (id) => {
      for (const [plain, checked] of [
        [PLAIN_USER_ID, userIdChecked],
        [PLAIN_TOKEN_ID, tokenIdChecked],
        [PLAIN_AUTH_ID, authIdChecked],
      ] as const) {
        if (plain.test(id)) assert.equal(checked(id)?.reason, undefined, `${plain.source} accepts ${JSON.stringify(id)}, the full check refuses it`);
      }
    }),
  ),
  named(
    'every value grammar answers any text with a value or a located message',
    3,
    fc.property(valueish, (text) => {
      located(text, parseCalendarEvent(text));
      located(text, parseTimeSpan(text));
      located(text, parseHumanByte(text));
      located(text, parseDailyDuration(text));
      const ps = parsePropertyString(text);
      for (const e of ps.entries) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, 'property-string entry outside the text');
    }),
  ),
  named(
    'every file grammar reads any text without an exception, problems inside the text',
    2,
    fc.property(fc.oneof(valueish, fc.string({ maxLength: 400 }), fc.string({ maxLength: 200, unit: 'binary' })), (text) => {
      for (const ast of [parseSectionConfig(text), parseAcl(text), parseNodeConfig(text)]) {
        for (const p of ast.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `problem at ${p.start}-${p.end} outside ${text.length}`);
      }
    }),
  ),
  named(
    'sizes: parse(print(size)) is the same number of bytes',
    1,
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(...UNITS), fc.boolean(), (milli, unit, space) => {
      const written = `${milli / 1000}${space ? ' ' : ''}${unit}`;
      const first = parseHumanByte(written);
      assert.ok(first.ok, `'${written}' does not parse`);
      const printed = formatHumanByteValue(first.value);
      const second = parseHumanByte(printed);
      assert.ok(second.ok, `PBS's own print '${printed}' does not parse`);
      assert.equal(second.value.bytes, first.value.bytes, `'${written}' → '${printed}'`);
    }),
  ),
  named(
    'time spans: parse(print(seconds)) is the same number of whole seconds',
    1,
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (seconds) => {
      const printed = formatTimeSpan(seconds);
      const back = parseTimeSpan(printed);
      assert.ok(back.ok, `'${printed}' does not parse`);
      assert.equal(back.value.wholeSeconds, seconds, `${seconds} s printed as '${printed}'`);
    }),
  ),
  named(
    'calendar events: a printed weekday/hour/minute list parses, and every next run matches it',
    1,
    fc.property(
      fc.uniqueArray(fc.constantFrom(...weekdayNames), { maxLength: 3 }),
      hourList,
      minuteList,
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
      (days, hours, minutes, from) => {
        const text = `${days.length ? `${days.join(',')} ` : ''}${hours.join(',')}:${minutes.map((m) => String(m).padStart(2, '0')).join(',')}`;
        const parsed = parseCalendarEvent(text);
        assert.ok(parsed.ok, `'${text}' does not parse: ${parsed.ok ? '' : parsed.message}`);
        let last = from;
        for (const run of nextRuns(parsed.value, new Date(from), 4, 'UTC')) {
          assert.ok(run.getTime() > last, `'${text}': runs not increasing`);
          last = run.getTime();
          const wd = weekdayNames[(run.getUTCDay() + 6) % 7];
          assert.ok(days.length === 0 || days.includes(wd), `'${text}': ${run.toISOString()} is a ${wd}`);
          assert.ok(hours.includes(run.getUTCHours()) && minutes.includes(run.getUTCMinutes()) && run.getUTCSeconds() === 0, `'${text}': ${run.toISOString()}`);
        }
      },
    ),
  ),
  named(
    'property strings: parse(print(entries)) gives back every key and value',
    1,
    fc.property(
      fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), fc.string({ maxLength: 16 }).filter((v) => !v.startsWith(' '))), { selector: ([k]) => k, maxLength: 6 }),
      (entries) => {
        const text = entries.map(([k, v]) => `${k}=${printValue(v)}`).join(',');
        const parsed = parsePropertyString(text);
        assert.deepEqual(parsed.problems, [], `'${text}'`);
        assert.deepEqual(parsed.entries.map((e) => [e.key?.text, e.value.text]), entries, `'${text}'`);
      },
    ),
  ),
];
