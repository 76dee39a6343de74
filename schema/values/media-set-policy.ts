// A media pool's allocation policy: `continue`, `always`, or a calendar event that starts a new
// media set (pbs-api-types MediaSetPolicy).
import { parseCalendarEvent } from '../../grammar/calendar-event.ts';
import { fail, memo } from '../formats/format.ts';
import { calendarHints, scheduleCandidates, scheduleLines } from './calendar-event.ts';
import type { ValueCandidate, ValueKind } from './value-kind.ts';

const WORDS: Record<string, string> = {
  continue: 'Keep appending to the current media set.',
  always: 'Start a new media set for every tape backup job run.',
};

const CANDIDATES: ValueCandidate[] = [
  { label: 'continue', kind: 'value', detail: 'keep appending to the current media set' },
  { label: 'always', kind: 'value', detail: 'a new media set for every job run' },
];

const isKeyword = (s: string) => s === 'continue' || s === 'always';

export const mediaSetPolicy: ValueKind = {
  name: 'media-set-policy',
  matches: (schema) => schema.format === 'media-set-policy',
  formats: {
    'media-set-policy': {
      label: 'allocation policy',
      code: 'invalid-schedule',
      check: memo((s) => {
        if (isKeyword(s)) return undefined;
        const r = parseCalendarEvent(s);
        if (r.ok) return undefined;
        return fail(`expected 'continue', 'always' or a calendar event: ${r.message}`, r.offset, r.length);
      }),
      hints: (s) => (isKeyword(s) ? [] : calendarHints(s)),
    },
  },
  describe(text, _schema, hover) {
    hover.w.title(text, hover.label);
    if (isKeyword(text)) hover.w.para(WORDS[text]);
    else scheduleLines(hover, text);
  },
  complete: () => [...CANDIDATES, ...scheduleCandidates()],
};
