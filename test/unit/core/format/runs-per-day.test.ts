// searchRunEpochs takes PBS's steps (computeNextEvent) on UTC's clock shifted by the zone's offset
// while the offset stays the same. It must give exactly what PBS's steps on the zone's clock give
// for every run: compared here over DST changes in both hemispheres,
// half-hour and 45-minute zones, negative DST (Dublin, Casablanca), leap days, and runs late in the day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCalendarEvent } from '../../../../grammar/calendar-event.ts';
import { searchRunEpochs } from '../../../../core/format/next-runs.ts';

const ZONES = ['UTC', 'Europe/Vienna', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Dublin', 'Africa/Casablanca', 'America/Santiago', 'Pacific/Chatham'];
const SCHEDULES = [
  'hourly',
  '*:0/30',
  '*:0/7',
  'mon..fri *:0/15',
  '02:30',
  '01,02,03:30',
  '*-*-01 *:0/20',
  'sat,sun 0/3:15',
  '*:0/20:0/30',
  '0..5,22:0/5:0/30',
  'daily',
  'weekly',
  '*-02-29 12:00',
  '*:0/45 UTC',
  '23:59:59',
  '*:59:30',
];
// a few days before each change: US and EU spring and autumn, Casablanca, Lord Howe, Chatham and
// Santiago in April and September/October, Dublin's; and a leap day
const STARTS = ['2025-03-07', '2025-03-28', '2025-04-03', '2025-09-04', '2025-09-26', '2025-10-03', '2025-10-24', '2025-10-31', '2024-02-27'].map((d) => `${d}T00:00:00Z`);
const DAYS = 5;

for (const zone of ZONES) {
  test(`every run as PBS's steps give it, in ${zone}`, () => {
    for (const schedule of SCHEDULES) {
      const parsed = parseCalendarEvent(schedule);
      assert.ok(parsed.ok, schedule);
      for (const start of STARTS) {
        const from = Date.parse(start) / 1000;
        const options = { until: from + DAYS * 86_400 };
        const fast = searchRunEpochs(parsed.value, from, 100_000, zone, options);
        const steps = searchRunEpochs(parsed.value, from, 100_000, zone, { ...options, perRun: true });
        assert.equal(fast.end, steps.end, `${schedule} from ${start}`);
        assert.equal(fast.runs.length, steps.runs.length, `${schedule} from ${start}`);
        assert.deepEqual(fast.runs, steps.runs, `${schedule} from ${start}`);
        // and counted: stopping at a count in the middle of a day
        const few = searchRunEpochs(parsed.value, from, 7, zone);
        assert.deepEqual(few, searchRunEpochs(parsed.value, from, 7, zone, { perRun: true }), `${schedule} from ${start}, 7 runs`);
      }
    }
  });
}
