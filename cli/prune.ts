// `pbs-tools prune simulate`: which snapshots PBS's prune keeps with given keep-* options, on a
// list of backup times or on the backups a schedule makes (core/prune).
import { resolve } from 'node:path';
import { parseCalendarEvent } from '../service/tools.ts';
import { pruneJobsOfText, pruneSvg } from '../service/jobs.ts';
import { isKnownTimeZone, localTimeZone } from '../core/format/zone-clock.ts';
import { isoInZone, parseIsoDateTime, zonedTime } from '../core/format/epoch.ts';
import { fileErrorMessage, READ_LIMITS, readRegularTextFile } from '../core/fs/read-file.ts';
import { backupTimes, HistoryTooLongError } from '../core/prune/history.ts';
import { KEEP_RULES, keepsSomething, selectPrune, type KeepOptions, type PruneVerdict, type Snapshot } from '../core/prune/select.ts';
import { parseBackupList } from '../core/prune/backup-list.ts';
import { collectTargets } from './lint-files.ts';
import { readTree } from './read-tree.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo, type Subcommand } from './io.ts';

const USAGE = `usage: pbs-tools prune simulate [--keep-last N] [--keep-hourly N] [--keep-daily N]
                                 [--keep-weekly N] [--keep-monthly N] [--keep-yearly N]
                                 (--backups FILE | --schedule EXPR --from TIME --to TIME)
                                 [--tz ZONE | --utc] [--format text|json|svg]
       pbs-tools prune simulate --job ID PATH (--backups FILE | --schedule …) [...]

Shows which snapshots of one backup group a PBS prune keeps, and the rule that keeps each,
exactly as PBS selects them: keep-last first, then hourly, daily, weekly (ISO weeks), monthly
and yearly, each skipping the periods an earlier rule already kept; protected snapshots are
never removed. Periods are the server's local time (TZ honoured, or --tz).

Options:
  --job ID PATH      take the keep-* options from prune job ID of the prune.cfg at PATH (the file
                     or its folder) instead of --keep-* options

Input:
  --backups FILE     one backup time per line (ISO 8601: 2025-03-30T01:30:00Z, or without an
                     offset in the zone used), optionally followed by 'protected' or 'partial';
                     '#' starts a comment. Or a JSON array of times or of
                     {"time": ..., "protected": true, "finished": false}.
  --schedule EXPR    the backups a schedule makes (a PBS calendar event, e.g. 'daily' or
  --from TIME        'mon..fri 21:00') after --from and up to --to
  --to TIME

Output (newest first):
  --format text      one line per snapshot: time, keep/remove, the rule; a summary on stderr
  --format json      an array of {"time": ISO, "keep": bool, "reason": "keep-last"|...|"protected"|null}
  --format svg       a calendar picture like PBS's prune simulator: a row per month, a cell per
                     day coloured by the rule that kept it (tooltips list the snapshots)

Exit status: 0 simulated, 2 usage error (no keep option, bad time, reversed range, ...).
`;

const KEEP_OPTIONS = Object.fromEntries(KEEP_RULES.map((r) => [r, { type: 'string' as const }])) as Record<(typeof KEEP_RULES)[number], { type: 'string' }>;

export const run: Subcommand = async (args, io) => {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') {
    (action === undefined ? io.stderr : io.stdout).write(USAGE);
    return action === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (action !== 'simulate') throw new CliError(`unknown action '${action}'; use simulate\n\n${USAGE}`, EXIT_USAGE);
  return simulate(rest, io);
};

async function simulate(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    { ...KEEP_OPTIONS, job: { type: 'string' }, backups: { type: 'string' }, schedule: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' }, utc: { type: 'boolean' }, format: { type: 'string' } },
    USAGE,
    io,
    'prune simulate',
  );
  if (!parsed) return EXIT_OK;
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const job = v.job as string | undefined;
  if (job === undefined && parsed.positionals.length > 0) throw new CliError(`unexpected argument '${parsed.positionals[0]}'; see 'pbs-tools prune simulate --help'`, EXIT_USAGE);
  if (job !== undefined && parsed.positionals.length !== 1) throw new CliError('--job ID needs the prune.cfg (or its folder) as the one PATH, e.g. --job daily /etc/proxmox-backup', EXIT_USAGE);
  const format = (v.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'svg') throw new CliError(`unknown --format '${format}'; use text, json or svg`, EXIT_USAGE);

  const options = job === undefined ? keepOptions(v) : await jobKeepOptions(job, parsed.positionals[0], v, io);
  if (v.utc && v.tz !== undefined) throw new CliError('use either --utc or --tz, not both', EXIT_USAGE);
  if (typeof v.tz === 'string' && !isKnownTimeZone(v.tz)) throw new CliError(`unknown time zone '${v.tz}' (use an IANA name such as Europe/Vienna or UTC)`, EXIT_USAGE);
  const zone = v.utc ? 'UTC' : ((v.tz as string | undefined) ?? localTimeZone());

  const snapshots = await history(v, zone, io);
  const verdicts = selectPrune(snapshots, options, zone);
  const shown = (t: number) => isoInZone(t, zone);
  if (format === 'svg') {
    io.stdout.write(pruneSvg(verdicts, { options, timeZone: zone }));
  } else if (format === 'json') {
    io.stdout.write(JSON.stringify(verdicts.map((d) => ({ time: shown(d.time), keep: d.keep, reason: d.reason })), null, 1) + '\n');
  } else {
    io.stdout.write(verdicts.map((d) => `${shown(d.time)}  ${d.keep ? 'keep  ' : 'remove'}  ${d.reason ?? ''}`.trimEnd()).join('\n') + (verdicts.length ? '\n' : ''));
    io.stderr.write(summary(verdicts, zone));
  }
  return EXIT_OK;
}

/** The --keep-* options, as PBS's schema takes them: whole numbers of at least 1. */
function keepOptions(v: Record<string, string | boolean | undefined>): KeepOptions {
  const options: KeepOptions = {};
  for (const rule of KEEP_RULES) {
    const text = v[rule];
    if (typeof text !== 'string') continue;
    if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1) {
      throw new CliError(`--${rule} wants a whole number of at least 1 (PBS's minimum), not '${text}'; leave it out to not use the rule`, EXIT_USAGE);
    }
    options[rule] = Number(text);
  }
  if (!keepsSomething(options)) {
    throw new CliError(
      "no --keep-* option given: with no keep option PBS keeps every snapshot ('No prune selection - keeping all files'), so there is nothing to simulate; give at least one, e.g. --keep-daily 7",
      EXIT_USAGE,
    );
  }
  return options;
}

/** The keep-* options of prune job `id` in the prune.cfg at `path` (the file or its folder). */
async function jobKeepOptions(id: string, path: string, v: Record<string, string | boolean | undefined>, io: CliIo): Promise<KeepOptions> {
  if (KEEP_RULES.some((r) => v[r] !== undefined)) throw new CliError('use either --job or --keep-* options, not both', EXIT_USAGE);
  const { targets } = collectTargets([path], io.cwd, undefined);
  const tree = await readTree(targets, (t) => t.kind?.name === 'prune.cfg');
  const unreadable = tree.skipped.find((s) => s.why === 'unreadable');
  if (unreadable && unreadable.why === 'unreadable') throw new CliError(`${unreadable.display}: not read: ${unreadable.reason}`, EXIT_USAGE);
  const file = tree.files[0];
  if (!file) throw new CliError(`no prune.cfg in '${path}'`, EXIT_USAGE);
  const jobs = pruneJobsOfText(file.text);
  const job = jobs.find((j) => j.id === id);
  if (!job) {
    const ids = jobs.map((j) => j.id);
    throw new CliError(`no prune job '${id}' in ${tree.loaded[0].display}${ids.length ? `; it has ${ids.slice(0, 10).join(', ')}` : ''}`, EXIT_USAGE);
  }
  const options = job.keep;
  if (!keepsSomething(options)) throw new CliError(`prune job '${id}' has no keep-* option: PBS skips it at every run and keeps every snapshot; nothing to simulate`, EXIT_USAGE);
  return options;
}

async function history(v: Record<string, string | boolean | undefined>, zone: string, io: CliIo): Promise<Snapshot[]> {
  const file = v.backups;
  const schedule = v.schedule;
  if (typeof file === 'string') {
    if (schedule !== undefined || v.from !== undefined || v.to !== undefined) throw new CliError('use either --backups FILE or --schedule with --from and --to, not both', EXIT_USAGE);
    let text: string;
    try {
      text = await readRegularTextFile(resolve(io.cwd, file), { maxBytes: READ_LIMITS.backupList, what: 'backup list' });
    } catch (err) {
      throw new CliError(fileErrorMessage(err, file, 'backup list'), EXIT_USAGE);
    }
    const list = parseBackupList(text, zone);
    if (!list.ok) throw new CliError(`${file}:${list.line}: ${list.message}`, EXIT_USAGE);
    return list.snapshots;
  }
  if (typeof schedule !== 'string') throw new CliError(`give the backups: --backups FILE, or --schedule EXPR --from TIME --to TIME\n\n${USAGE}`, EXIT_USAGE);
  if (typeof v.from !== 'string' || typeof v.to !== 'string') throw new CliError('--schedule needs --from and --to (e.g. --from 2024-01-01 --to 2025-01-01)', EXIT_USAGE);
  const ev = parseCalendarEvent(schedule);
  if (!ev.ok) throw new CliError(`--schedule '${schedule}' is not a PBS schedule: ${ev.message} (at character ${ev.offset + 1})`, EXIT_USAGE);
  const time = (name: string, text: string) => {
    const t = parseIsoDateTime(text, ev.value.utc ? 'UTC' : zone);
    if (t === undefined) throw new CliError(`--${name} wants an ISO 8601 date or date-time such as 2025-03-30 or 2025-03-30T01:30:00+01:00, not '${text}'`, EXIT_USAGE);
    return t;
  };
  const from = time('from', v.from);
  const to = time('to', v.to);
  if (to <= from) throw new CliError(`the range is reversed or empty: --to ${v.to} is not after --from ${v.from}`, EXIT_USAGE);
  let times: number[];
  try {
    times = backupTimes(ev.value, from, to, zone);
  } catch (err) {
    if (err instanceof HistoryTooLongError) throw new CliError(err.message, EXIT_USAGE);
    throw err;
  }
  if (times.length === 0) throw new CliError(`'${schedule}' never runs between ${v.from} and ${v.to} (PBS finds no run), so there are no backups to prune`, EXIT_USAGE);
  return times.map((time) => ({ time }));
}

function summary(verdicts: PruneVerdict[], zone: string): string {
  const kept = verdicts.filter((d) => d.keep);
  const byReason = new Map<string, number>();
  for (const d of kept) byReason.set(d.reason ?? '', (byReason.get(d.reason ?? '') ?? 0) + 1);
  const parts = [...byReason].map(([r, n]) => `${n} by ${r}`).join(', ');
  const oldest = kept.length ? kept[kept.length - 1].time : undefined;
  return (
    `${kept.length} of ${verdicts.length} snapshots kept${parts ? ` (${parts})` : ''}, ${verdicts.length - kept.length} removed` +
    `${oldest !== undefined ? `; the oldest kept is from ${zonedTime(oldest, zone).wallClock.slice(0, 16)}` : ''} (time zone ${zone})\n`
  );
}
