// `pbs-tools calendar PATH...`: when the jobs of a configuration tree run, which heavy jobs on one
// datastore start together, and which schedules never run (service/job-calendar.ts).
import { isKnownTimeZone, localTimeZone } from '../core/format/zone-clock.ts';
import { parseIsoDateTime } from '../core/format/epoch.ts';
import { agenda, calendarJsonText, calendarSvg, jobCalendar, scheduledJobsOfTexts, xmlText, type JobCalendar } from '../service/jobs.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT_OK, EXIT_USAGE, type Subcommand } from './io.ts';
import { collectTargets } from './lint-files.ts';
import { writePieces } from './output.ts';
import { readTree } from './read-tree.ts';

const USAGE = `usage: pbs-tools calendar PATH... [--from TIME] [--days N] [--window MIN]
                         [--tz ZONE | --utc] [--format text|json|svg|html]

When do the jobs of a PBS configuration run? Reads datastore.cfg (gc-schedule, prune-schedule),
prune.cfg, verification.cfg, sync.cfg and tape-job.cfg under PATH, computes every run in the
window the way PBS does (in the server's time zone: TZ, or --tz), and marks heavy jobs (GC,
verify, sync, tape backup) on one datastore that start within --window minutes of each other.
Schedules that never run again are listed.

Options:
  --from TIME     start of the window (default: now), e.g. 2025-03-01 or 2025-03-01T06:00
  --days N        length of the window in days (1-366, default 7)
  --window MIN    heavy jobs starting this close overlap (1-1440 minutes, default 30)
  --tz ZONE       the server's time zone (an IANA name like Europe/Vienna); --utc for UTC
  --format FMT    text (default): an agenda per datastore, overlaps marked with '!'
                  json: {jobs: [...], overlaps: [...], neverRuns: [...]}
                  svg:  a week view, one lane per datastore; html: that picture and the lists

Exit status: 0 shown, 2 usage or I/O error.
`;

function wholeNumber(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^[0-9]{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`--${name} wants a whole number from ${min} to ${max}, not '${value}'`, EXIT_USAGE);
  return n;
}

export const run: Subcommand = async (args, io) => {
  const parsed = parseCommandArgs(
    args,
    { from: { type: 'string' }, days: { type: 'string' }, window: { type: 'string' }, tz: { type: 'string' }, utc: { type: 'boolean' }, format: { type: 'string' } },
    USAGE,
    io,
    'calendar',
  );
  if (!parsed) return EXIT_OK;
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (!['text', 'json', 'svg', 'html'].includes(format)) throw new CliError(`unknown --format '${format}'; use text, json, svg or html`, EXIT_USAGE);
  if (parsed.positionals.length === 0) throw new CliError(`no PATH given\n\n${USAGE}`, EXIT_USAGE);
  const days = wholeNumber(v.days, 'days', 1, 366, 7);
  const windowMinutes = wholeNumber(v.window, 'window', 1, 1440, 30);
  if (v.utc && v.tz !== undefined) throw new CliError('use either --utc or --tz, not both', EXIT_USAGE);
  if (v.tz !== undefined && !isKnownTimeZone(v.tz)) throw new CliError(`unknown time zone '${v.tz}' (use an IANA name such as Europe/Vienna or UTC)`, EXIT_USAGE);
  const zone = v.utc ? 'UTC' : (v.tz ?? localTimeZone());
  let from = new Date();
  if (v.from !== undefined) {
    const t = parseIsoDateTime(v.from, zone);
    if (t === undefined) throw new CliError(`--from wants an ISO 8601 date or date-time such as 2025-03-01 or 2025-03-01T06:00, not '${v.from}'`, EXIT_USAGE);
    from = new Date(t * 1000);
  }

  const { targets, notes } = collectTargets(parsed.positionals, io.cwd, undefined);
  for (const note of notes) io.stderr.write(`pbs-tools calendar: note: ${note}\n`);
  const tree = await readTree(targets, (t) => ['datastore.cfg', 'prune.cfg', 'verification.cfg', 'sync.cfg', 'tape-job.cfg'].includes(t.kind!.name));
  if (tree.loaded.length === 0) {
    throw new CliError(`no job files (datastore.cfg, prune.cfg, verification.cfg, sync.cfg, tape-job.cfg) found in ${parsed.positionals.map((p) => `'${p}'`).join(', ')}`, EXIT_USAGE);
  }
  const display = new Map(tree.loaded.map((l) => [l.path, l.display]));
  const jobs = scheduledJobsOfTexts(tree.files).map((j) => ({ ...j, file: display.get(j.file) ?? j.file }));
  const cal = jobCalendar(jobs, { from, days, timeZone: zone, windowMinutes });

  if (format === 'json') writePieces(io.stdout, calendarJsonText(cal));
  else if (format === 'svg') io.stdout.write(calendarSvg(cal));
  else if (format === 'html') io.stdout.write(calendarHtml(cal, windowMinutes));
  else io.stdout.write(agenda(cal, windowMinutes));
  for (const s of tree.skipped) if (s.why === 'unreadable') io.stderr.write(`pbs-tools calendar: ${s.display}: not read: ${s.reason}\n`);
  return tree.skipped.some((s) => s.why === 'unreadable') ? EXIT_USAGE : EXIT_OK;
};

function calendarHtml(cal: JobCalendar, windowMinutes: number): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>PBS job calendar</title>
<style>body{font-family:system-ui,sans-serif;margin:16px;color:#1a1a1a}pre{background:#f7f7f7;padding:12px;overflow:auto}</style>
</head><body>
${calendarSvg(cal)}
<pre>${xmlText(agenda(cal, windowMinutes))}</pre>
</body></html>
`;
}
