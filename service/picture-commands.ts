// The job calendar and the prune simulation as editor commands (workspace/executeCommand
// pbs.server.jobCalendar and pbs.server.simulatePrune): JSON arguments in; the data, an SVG
// picture and a few summary lines out, for VS Code's webviews and any other editor alike. They work
// on the files the workspace holds (the editor's unsaved text included); the server loads the
// configuration root from disk first.
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { isKnownTimeZone, localTimeZone } from '../core/format/zone-clock.ts';
import { isoInZone, parseIsoDateTime } from '../core/format/epoch.ts';
import { backupTimes, HistoryTooLongError } from '../core/prune/history.ts';
import { KEEP_RULES, keepsSomething, selectPrune } from '../core/prune/select.ts';
import { jobCalendar, keepOptionsOf, scheduledJobs } from './job-calendar.ts';
import { agenda, calendarJson } from './job-calendar-report.ts';
import { NEAR_MINUTES } from './job-overlaps.ts';
import { calendarSvg } from './pictures/calendar-svg.ts';
import { pruneSvg } from './pictures/prune-svg.ts';
import { configRootOf, type Workspace, type WorkspaceFile } from './workspace.ts';

/** A wrong argument: the message says which and what is expected (the server answers InvalidParams). */
export class PictureCommandError extends Error {}

export interface PictureAnswer {
  title: string;
  svg: string;
  summary: string[];
}

type Args = Record<string, unknown>;

function argsObject(command: string, args: unknown[]): Args {
  const a = args[0];
  if (a === null || typeof a !== 'object' || Array.isArray(a)) throw new PictureCommandError(`${command}: the argument is an object such as { "path": "/etc/proxmox-backup/prune.cfg" }`);
  return a as Args;
}

function wholeNumber(command: string, a: Args, name: string, min: number, max: number, fallback: number): number {
  const v = a[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new PictureCommandError(`${command}: ${name} is a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

/** What the editor's settings say when an argument is left out (pbs.timeZone, pbs.calendar.overlapWindowMinutes). */
export interface PictureDefaults {
  timeZone?: string;
  windowMinutes?: number;
}

function zoneOf(command: string, a: Args, defaults: PictureDefaults): string {
  const z = a.timeZone;
  if (z === undefined || z === null) return defaults.timeZone ?? localTimeZone();
  if (typeof z !== 'string' || !isKnownTimeZone(z)) throw new PictureCommandError(`${command}: timeZone is an IANA zone name such as Europe/Vienna, got ${JSON.stringify(z)}`);
  return z;
}

function timeOf(command: string, a: Args, name: string, zone: string, fallback: number): number {
  const v = a[name];
  if (v === undefined || v === null) return fallback;
  const t = typeof v === 'string' ? parseIsoDateTime(v, zone) : undefined;
  if (t === undefined) throw new PictureCommandError(`${command}: ${name} is an ISO 8601 date or date-time such as 2025-03-01T06:00, got ${JSON.stringify(v)}`);
  return t;
}

/** The workspace file at `path` (a path the workspace knows), or an error naming it. */
export function fileArg(command: string, workspace: Workspace, path: unknown): WorkspaceFile {
  if (typeof path !== 'string' || path === '') throw new PictureCommandError(`${command}: path is the path of a PBS configuration file, got ${JSON.stringify(path)}`);
  const file = workspace.get(path);
  if (!file) throw new PictureCommandError(`${command}: '${path}' is not a PBS configuration file of this workspace (open it, or one beside it)`);
  return file;
}

/** The job calendar of the configuration `file` belongs to. */
export function jobCalendarCommand(workspace: Workspace, file: WorkspaceFile, args: unknown[], now = new Date(), defaults: PictureDefaults = {}): PictureAnswer & { calendar: ReturnType<typeof calendarJson> } {
  const command = 'pbs.server.jobCalendar';
  const a = argsObject(command, args);
  const zone = zoneOf(command, a, defaults);
  const days = wholeNumber(command, a, 'days', 1, 366, 7);
  const windowMinutes = wholeNumber(command, a, 'windowMinutes', 1, 1440, defaults.windowMinutes ?? NEAR_MINUTES);
  const from = timeOf(command, a, 'from', zone, Math.floor(now.getTime() / 1000));
  const root = configRootOf(file.path, file.kind);
  const files = workspace.all().filter((f) => configRootOf(f.path, f.kind) === root);
  const cal = jobCalendar(scheduledJobs(workspace, files), { from: new Date(from * 1000), days, timeZone: zone, windowMinutes });
  const text = agenda(cal, windowMinutes).trimEnd().split('\n');
  return { title: `PBS job calendar — ${root}`, svg: calendarSvg(cal), summary: text, calendar: calendarJson(cal) };
}

/**
 * What prune job `id` of prune.cfg `file` keeps of a backup history: the backups `schedule` (a
 * calendar event, default daily at 21:00) makes from `from` to `to` (default: as far back as the
 * job's keep options reach, up to now).
 */
export function simulatePruneCommand(file: WorkspaceFile, args: unknown[], now = new Date(), defaults: PictureDefaults = {}): PictureAnswer & { verdicts: { time: string; keep: boolean; reason: string | null }[] } {
  const command = 'pbs.server.simulatePrune';
  const a = argsObject(command, args);
  const id = a.id;
  if (file.kind.name !== 'prune.cfg' || file.parsed.family !== 'section-config') throw new PictureCommandError(`${command}: path is a prune.cfg, got a ${file.kind.name}`);
  if (typeof id !== 'string') throw new PictureCommandError(`${command}: id is the id of a prune job (a 'prune: ID' section), got ${JSON.stringify(id)}`);
  const section = file.parsed.ast.sections.find((s) => s.type.text === 'prune' && s.id.text === id);
  if (!section) throw new PictureCommandError(`${command}: there is no prune job '${id}' in ${file.path}`);
  const options = keepOptionsOf(section);
  if (!keepsSomething(options)) throw new PictureCommandError(`prune job '${id}' has no keep-* option: PBS skips it and keeps every snapshot; add e.g. keep-daily 7`);
  const zone = zoneOf(command, a, defaults);
  const scheduleText = a.schedule === undefined || a.schedule === null ? '21:00' : a.schedule;
  const schedule = typeof scheduleText === 'string' ? parseCalendarEvent(scheduleText) : undefined;
  if (!schedule?.ok) throw new PictureCommandError(`${command}: schedule is the backups' calendar event (e.g. "21:00" or "mon..fri 22:00"), got ${JSON.stringify(scheduleText)}`);
  const to = timeOf(command, a, 'to', zone, Math.floor(now.getTime() / 1000));
  const reach = 3 * 86_400 + (options['keep-last'] ?? 0) * 86_400 + (options['keep-hourly'] ?? 0) * 3600 + (options['keep-daily'] ?? 0) * 86_400 + (options['keep-weekly'] ?? 0) * 7 * 86_400 + (options['keep-monthly'] ?? 0) * 31 * 86_400 + (options['keep-yearly'] ?? 0) * 366 * 86_400;
  // by default half as long again as the options reach (so the picture shows what goes), a month at least
  const from = timeOf(command, a, 'from', zone, to - Math.min(Math.max(Math.ceil(reach * 1.5), 31 * 86_400), 20 * 366 * 86_400));
  if (from >= to) throw new PictureCommandError(`${command}: from must be before to`);
  let times: number[];
  try {
    times = backupTimes(schedule.value, from, to, zone);
  } catch (err) {
    if (err instanceof HistoryTooLongError) throw new PictureCommandError(err.message);
    throw err;
  }
  if (times.length === 0) throw new PictureCommandError(`the backup schedule '${scheduleText}' makes no backup in the range`);
  const verdicts = selectPrune(times.map((time) => ({ time })), options, zone);
  const kept = verdicts.filter((v) => v.keep).length;
  const iso = (t: number) => isoInZone(t, zone);
  const rules = KEEP_RULES.filter((r) => options[r] !== undefined).map((r) => `${r} ${options[r]}`).join(', ');
  return {
    title: `Prune simulation — ${id}`,
    svg: pruneSvg(verdicts, { options, timeZone: zone }),
    summary: [`prune job ${id} (${rules}) on backups at '${scheduleText}' from ${iso(from).slice(0, 16)} to ${iso(to).slice(0, 16)}: ${kept} of ${verdicts.length} kept (time zone ${zone})`],
    verdicts: verdicts.map((v) => ({ time: iso(v.time), keep: v.keep, reason: v.reason })),
  };
}
