// `pbs-tools schedule EXPR [-n N] [--from ISO-8601] [--utc] [--tz ZONE]`: the next runs of a
// PBS calendar event, computed the way PBS does (core/format/next-runs.ts).
import { parseCalendarEvent } from '../service/tools.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { RUNS_HORIZON_TEXT, searchRuns } from '../core/format/next-runs.ts';
import { isKnownTimeZone, localTimeZone } from '../core/format/zone-clock.ts';
import { formatUtcOffset, parseIsoDateTime, zonedTime } from '../core/format/epoch.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Subcommand } from './io.ts';
import { parseCommandArgs } from './args.ts';

const USAGE = `usage: pbs-tools schedule EXPR [-n N] [--from ISO-8601] [--utc] [--tz ZONE] [--describe]

Prints the next N runs (default 5) of a PBS schedule (calendar event) after now (or strictly
after --from), one per line, as 'YYYY-MM-DD HH:MM:SS+HH:MM', computed the way PBS computes
them, daylight-saving quirks included (a run inside a spring-forward gap is skipped that day).

The schedule is evaluated in the local time zone (TZ honoured), like PBS evaluates it in its
server's zone, unless it ends in 'UTC'.

Options:
  -n, --count N      how many runs to print (1-10000, default 5)
      --from TIME    start after this time instead of now: '2025-03-30', '2025-03-30T01:30',
                     '2025-03-30 01:30:00+01:00' (without an offset: wall clock in the zone used)
      --utc          take the server's zone to be UTC (evaluate and print in UTC)
      --tz ZONE      take the server's zone to be ZONE (an IANA name like Europe/Vienna)
  -d, --describe     first print what the schedule means, as a '# ...' line
  -h, --help         show this help

Examples:
  pbs-tools schedule 'mon..fri 02:30'
  pbs-tools schedule daily -n 3 --from 2025-03-29 --tz Europe/Berlin
`;

export const run: Subcommand = async (args, io) => {
  const parsed = parseCommandArgs(
    args,
    {
      count: { type: 'string', short: 'n' },
      from: { type: 'string' },
      utc: { type: 'boolean' },
      tz: { type: 'string' },
      describe: { type: 'boolean', short: 'd' },
    },
    USAGE,
    io,
    'schedule',
  );
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length === 0
        ? `missing the schedule, e.g. pbs-tools schedule 'mon..fri 02:30'\n\n${USAGE}`
        : `expected one schedule, got ${positionals.length} arguments (quote a schedule containing blanks: 'mon..fri 02:30')`,
      EXIT_USAGE,
    );
  }
  const count = values.count === undefined ? 5 : /^[0-9]+$/.test(values.count) ? Number(values.count) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new CliError(`-n/--count wants a whole number from 1 to 10000, not '${values.count}'`, EXIT_USAGE);
  }
  if (values.utc && values.tz !== undefined) throw new CliError('use either --utc or --tz, not both', EXIT_USAGE);
  if (values.tz !== undefined && !isKnownTimeZone(values.tz)) {
    throw new CliError(`unknown time zone '${values.tz}' (use an IANA name such as Europe/Vienna or UTC)`, EXIT_USAGE);
  }
  const zone = values.utc ? 'UTC' : (values.tz ?? localTimeZone());

  const expr = positionals[0];
  const ev = parseCalendarEvent(expr);
  if (!ev.ok) {
    const caret = ' '.repeat(ev.offset) + '^'.repeat(Math.max(1, ev.length));
    io.stderr.write(`pbs-tools schedule: invalid schedule at column ${ev.offset + 1}: ${ev.message}\n  ${expr}\n  ${caret}\n`);
    return EXIT_FAILURE;
  }

  let from = new Date();
  if (values.from !== undefined) {
    const t = parseIsoDateTime(values.from, ev.value.utc ? 'UTC' : zone);
    if (t === undefined) {
      throw new CliError(`--from wants an ISO 8601 date or date-time such as 2025-03-30 or 2025-03-30T01:30:00+01:00, not '${values.from}'`, EXIT_USAGE);
    }
    from = new Date(t * 1000);
  }

  const printZone = ev.value.utc ? 'UTC' : zone;
  if (values.describe) io.stdout.write(`# ${describeCalendarEvent(ev.value)}${ev.value.utc ? '' : ` (time zone ${zone})`}\n`);
  const found = searchRuns(ev.value, from, count, zone);
  const runs = found.runs;
  const lines = runs.map((d) => {
    const z = zonedTime(d.getTime() / 1000, printZone);
    return `${z.wallClock}${formatUtcOffset(z.offset)}`;
  });
  if (lines.length > 0) io.stdout.write(lines.join('\n') + '\n');
  if (found.end === 'stuck') {
    io.stderr.write(
      `pbs-tools schedule: PBS's next-run computation does not advance past ${lines[lines.length - 1]} in ${printZone} ` +
        '(a daylight-saving change its C library resolves backwards); PBS would keep answering this time\n',
    );
  } else if (found.end === 'horizon') {
    io.stderr.write(
      `pbs-tools schedule: no ${runs.length === 0 ? '' : 'further '}run of '${expr}' before ${RUNS_HORIZON_TEXT}, where pbs-tools stops searching ` +
        `(PBS itself would go on)\n`,
    );
  } else if (runs.length < count) {
    io.stderr.write(
      runs.length === 0
        ? `pbs-tools schedule: '${expr}' never runs after ${zonedTime(from.getTime() / 1000, printZone).wallClock} (PBS finds no next run)\n`
        : `pbs-tools schedule: '${expr}' runs only ${runs.length} more time(s)\n`,
    );
  }
  return EXIT_OK;
};
