// When do the jobs of a configuration tree run, and do they collide? Collects every job PBS's
// proxy schedules (src/bin/proxmox-backup-proxy.rs: datastore GC, prune, verification, sync and
// tape-backup jobs) with its datastores, computes its runs in a window the way PBS does
// (core/format/next-runs.ts, in the server's zone), and reports heavy jobs on one datastore that
// start close together, and jobs that never run.
//
// As the proxy does: a datastore's deprecated prune-schedule is not scheduled at all (only
// prune.cfg jobs are, schedule_datastore_prune_jobs), a prune job with `disable` set is skipped,
// and so is one whose keep-* options keep nothing; a schedule that does not parse never runs.
import type { CalendarEvent } from '../core/format/calendar-event.ts';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { parseSectionConfig } from '../grammar/section-config.ts';
import { searchRunEpochs } from '../core/format/next-runs.ts';
import { localTimeZone } from '../core/format/zone-clock.ts';
import type { SectionNode } from '../grammar/ast.ts';
import { KEEP_RULES, type KeepOptions } from '../core/prune/select.ts';
import { linesOf } from './line-index.ts';
import { SectionLists } from './section-splice.ts';
import type { FileText, Workspace, WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type JobKind = 'gc' | 'prune' | 'verify' | 'sync' | 'tape-backup';

/** The range: the schedule value's offsets in the file. */
export interface ScheduledJob extends OffsetRange {
  /** The file's path as the workspace holds it. */
  file: string;
  /** 1-based line of the schedule property. */
  line: number;
  /** The section id; for a datastore's gc-schedule / prune-schedule, the datastore's id. */
  id: string;
  kind: JobKind;
  datastores: string[];
  schedule: string;
  /** The parsed schedule; undefined when it is not a valid calendar event (lint reports that). */
  event: CalendarEvent | undefined;
  /** Why PBS's proxy skips the job at every turn, if it does. */
  skipped?: 'no-keep-option';
}

/** Why a job never runs: PBS finds no next run, the schedule does not parse, or the proxy skips it. */
export type NeverRunsReason = 'no-next-run' | 'invalid-schedule' | 'no-keep-option';

/** Each reason in words, for every front. */
export const NEVER_RUNS_WORDS: Record<NeverRunsReason, string> = {
  'no-next-run': 'PBS finds no next run of its schedule',
  'invalid-schedule': 'its schedule is not a valid calendar event, so PBS never starts it',
  'no-keep-option': 'it has no keep-* option, and PBS skips prune jobs that keep nothing',
};

/** Which section property of which file holds a job's schedule and its datastore. */
interface JobSource {
  kindName: string;
  sectionType: string;
  scheduleKey: string;
  kind: JobKind;
  /** The property naming the datastore; undefined: the section id is the datastore. */
  storeKey: string | undefined;
}

const SOURCES: readonly JobSource[] = [
  { kindName: 'datastore.cfg', sectionType: 'datastore', scheduleKey: 'gc-schedule', kind: 'gc', storeKey: undefined },
  { kindName: 'prune.cfg', sectionType: 'prune', scheduleKey: 'schedule', kind: 'prune', storeKey: 'store' },
  { kindName: 'verification.cfg', sectionType: 'verification', scheduleKey: 'schedule', kind: 'verify', storeKey: 'store' },
  { kindName: 'sync.cfg', sectionType: 'sync', scheduleKey: 'schedule', kind: 'sync', storeKey: 'store' },
  { kindName: 'tape-job.cfg', sectionType: 'backup', scheduleKey: 'schedule', kind: 'tape-backup', storeKey: 'store' },
];

/** Kinds that read or write a datastore's chunks at length; prune only removes snapshot folders. */
export const HEAVY_KINDS: ReadonlySet<JobKind> = new Set(['gc', 'verify', 'sync', 'tape-backup']);

function valueOf(section: SectionNode, key: string): { text: string; index: number } | undefined {
  const lines = section.lines;
  let found: { text: string; index: number } | undefined;
  // PBS keeps the last of repeated keys
  for (let i = 0; i < lines.count; i++) if (lines.keyText(i) === key) found = { text: lines.valueText(i), index: i };
  return found;
}

/** PBS's boolean spellings (proxmox-schema's parse_boolean). */
function isTrue(text: string | undefined): boolean {
  return text !== undefined && /^(1|on|yes|true)$/i.test(text);
}

/** The keep-* options of a section, as PBS reads them (the last of repeated keys). */
export function keepOptionsOf(section: SectionNode): KeepOptions {
  const options: KeepOptions = {};
  const lines = section.lines;
  for (let i = 0; i < lines.count; i++) {
    const key = lines.keyText(i);
    if (!(KEEP_RULES as readonly string[]).includes(key)) continue;
    const n = Number(lines.valueText(i));
    if (Number.isInteger(n) && n >= 0) options[key as (typeof KEEP_RULES)[number]] = n;
  }
  return options;
}

/**
 * Whether the section has a keep-* line at all. A prune job without one keeps nothing and PBS
 * skips it (KeepOptions::keeps_something); one with `keep-last 0` is refused by PBS's schema
 * (minimum 1), which the schema reports: one problem, one diagnostic.
 */
function hasKeepKey(section: SectionNode): boolean {
  return KEEP_RULES.some((k) => valueOf(section, k) !== undefined);
}

/**
 * Parsed schedules by their text: a configuration repeats a handful of schedules over thousands
 * of sections, and every edit of the file asks for its jobs again.
 */
const parsedEvents = new Map<string, ReturnType<typeof parseCalendarEvent>>();
function calendarEventOf(text: string): ReturnType<typeof parseCalendarEvent> {
  let parsed = parsedEvents.get(text);
  if (!parsed) {
    if (parsedEvents.size >= 1000) parsedEvents.clear();
    parsedEvents.set(text, (parsed = parseCalendarEvent(text)));
  }
  return parsed;
}

/** A job as its section says it, before it is placed in a file's lines. */
export type SectionJob = Omit<ScheduledJob, 'file' | 'line'>;

/**
 * The jobs of the sections of a file, those `keep` says: every job, or (the never-runs check) the
 * few that can be in question. Asked again on every edit of the file, which leaves all sections but
 * one as they were (section-splice.ts).
 */
export function sectionJobLists(keep?: (job: SectionJob) => boolean): (file: WorkspaceFile) => readonly SectionJob[] {
  const lists = new SectionLists<SectionJob>((job, delta) => ({ ...job, start: job.start + delta, end: job.end + delta }));
  return (file) => {
    if (file.parsed.family !== 'section-config') return [];
    const sources = SOURCES.filter((s) => s.kindName === file.kind.name);
    if (sources.length === 0) return [];
    return lists.of(file.parsed.ast.sections, (section) => {
      const jobs = jobsOfSection(section, sources);
      return keep ? jobs.filter(keep) : jobs;
    });
  };
}

/** The jobs the sections of a file define (none for a file that holds no schedules). */
export const sectionJobsOf = sectionJobLists();

function jobsOfSection(section: SectionNode, sources: readonly JobSource[]): SectionJob[] {
  let jobs: SectionJob[] | undefined;
  for (const source of sources) {
    if (section.type.text !== source.sectionType) continue;
    const schedule = valueOf(section, source.scheduleKey);
    if (!schedule) continue;
    if (source.kind === 'prune' && isTrue(valueOf(section, 'disable')?.text)) continue;
    const value = section.lines.line(schedule.index).value;
    const store = source.storeKey === undefined ? section.id.text : valueOf(section, source.storeKey)?.text;
    const parsed = calendarEventOf(schedule.text);
    (jobs ??= []).push({
      start: value.start,
      end: value.end,
      id: section.id.text,
      kind: source.kind,
      datastores: store ? [store] : [],
      schedule: schedule.text,
      event: parsed.ok ? parsed.value : undefined,
      ...(source.kind === 'prune' && !hasKeepKey(section) ? { skipped: 'no-keep-option' as const } : {}),
    });
  }
  return jobs ?? [];
}

/** Jobs per parse of a file: hover and the code lenses ask for them on every request. */
const jobCache = new WeakMap<object, ScheduledJob[]>();

/** The scheduled jobs of one file, with their lines (none for a file that holds no schedules). */
export function jobsOfFile(file: WorkspaceFile): ScheduledJob[] {
  let jobs = jobCache.get(file.parsed);
  if (!jobs) {
    const lines = linesOf(file);
    jobs = sectionJobsOf(file).map((job) => ({ file: file.path, line: lines.positionAt(job.start).line + 1, ...job }));
    jobCache.set(file.parsed, jobs);
  }
  return jobs;
}

/** Every scheduled job of the workspace's files (of one configuration root, when given). */
export function scheduledJobs(workspace: Workspace, files: readonly WorkspaceFile[] = workspace.all()): ScheduledJob[] {
  return jobsInOrder(files);
}

function jobsInOrder(files: readonly WorkspaceFile[]): ScheduledJob[] {
  return files.flatMap(jobsOfFile).sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}

/**
 * scheduledJobs of files read for their jobs alone (`pbs-tools calendar`): the same jobs, from
 * the same parse a workspace makes of a file it reads first (parseSectionConfig of the whole text),
 * without the schema's checks, which no job depends on.
 */
export function scheduledJobsOfTexts(files: readonly FileText[]): ScheduledJob[] {
  const parsed: WorkspaceFile[] = [];
  for (const f of files) {
    if (f.kind.family === 'section-config') parsed.push({ ...f, parsed: { family: 'section-config', kind: f.kind, ast: parseSectionConfig(f.text), problems: [] } });
  }
  return jobsInOrder(parsed);
}

/**
 * The prune jobs of a prune.cfg's text with their keep-* options, parsed by the grammar alone
 * (`pbs-tools prune simulate --job`: the same sections a workspace parses, without its checks).
 */
export function pruneJobsOfText(text: string): { id: string; keep: KeepOptions }[] {
  return parseSectionConfig(text)
    .sections.filter((s) => s.type.text === 'prune')
    .map((s) => ({ id: s.id.text, keep: keepOptionsOf(s) }));
}

export interface CalendarOptions {
  /** Start of the window (exclusive, as PBS's next-run search). */
  from: Date;
  /** Length of the window in days. */
  days: number;
  /** The server's IANA zone (default: this process's, TZ honoured). */
  timeZone?: string;
  /** Heavy jobs on one datastore starting within this many minutes of each other overlap. */
  windowMinutes: number;
  /** Most runs computed per job (a `*:0/1` schedule fires 1440 times a day). */
  maxRunsPerJob?: number;
}

export interface JobRuns extends ScheduledJob {
  /** Run times in the window, epoch seconds. */
  runs: number[];
  /** More runs in the window than maxRunsPerJob. */
  truncated: boolean;
}

export interface Overlap {
  datastore: string;
  /** The first start of the group, epoch seconds. */
  start: number;
  /** The runs of the group; `job` is the index of the run's job in the calendar's jobs. */
  jobs: { id: string; kind: JobKind; time: number; job: number }[];
}

export interface JobCalendar {
  timeZone: string;
  from: number;
  to: number;
  jobs: JobRuns[];
  overlaps: Overlap[];
  /** Jobs that never run (again), with why. */
  neverRuns: (ScheduledJob & { reason: NeverRunsReason })[];
}

/** The runs of every job in the window, the overlaps and the jobs that never run. */
export function jobCalendar(jobs: readonly ScheduledJob[], options: CalendarOptions): JobCalendar {
  const zone = options.timeZone ?? localTimeZone();
  const from = Math.floor(options.from.getTime() / 1000);
  const to = from + options.days * 86_400;
  const maxRuns = options.maxRunsPerJob ?? 5000;
  const withRuns: JobRuns[] = [];
  const neverRuns: JobCalendar['neverRuns'] = [];
  for (const job of jobs) {
    let runs: number[] = [];
    let truncated = false;
    if (!job.event) neverRuns.push({ ...job, reason: 'invalid-schedule' });
    else if (job.skipped) neverRuns.push({ ...job, reason: job.skipped });
    else {
      const found = searchRunEpochs(job.event, from, maxRuns + 1, zone, { until: to });
      if (found.end === 'never' && found.runs.length === 0) neverRuns.push({ ...job, reason: 'no-next-run' });
      truncated = found.runs.length > maxRuns;
      if (truncated) found.runs.length = maxRuns;
      runs = found.runs;
    }
    withRuns.push({ ...job, runs, truncated });
  }
  return { timeZone: zone, from, to, jobs: withRuns, overlaps: overlapsOf(withRuns, options.windowMinutes * 60), neverRuns };
}

/**
 * Heavy jobs on one datastore whose runs start within `window` seconds of each other, grouped:
 * a group starts at a run and takes every other heavy job's run that starts before the group's
 * first start + window. Runs of one job never overlap with themselves.
 *
 * A busy month has a hundred thousand heavy runs: each job's runs are in order already, so a
 * store's runs are merged rather than sorted, and only the groups of more than one job become
 * objects.
 */
export function overlapsOf(jobs: readonly JobRuns[], window: number): Overlap[] {
  const byStore = new Map<string, number[]>(); // store → job indices
  jobs.forEach((job, index) => {
    if (!HEAVY_KINDS.has(job.kind) || job.runs.length === 0) return;
    for (const store of job.datastores) {
      let list = byStore.get(store);
      if (!list) byStore.set(store, (list = []));
      list.push(index);
    }
  });
  const out: Overlap[] = [];
  for (const [datastore, indices] of byStore) {
    const { times, owners } = mergedRuns(jobs, indices);
    let i = 0;
    while (i < times.length) {
      const start = times[i];
      let j = i + 1;
      let several = false;
      while (j < times.length && times[j] - start < window) {
        if (owners[j] !== owners[i]) several = true;
        j++;
      }
      if (several) {
        const group: Overlap['jobs'] = [];
        for (let g = i; g < j; g++) {
          const job = owners[g];
          group.push({ id: jobs[job].id, kind: jobs[job].kind, time: times[g], job });
        }
        out.push({ datastore, start, jobs: group });
      }
      i = j;
    }
  }
  return out.sort((a, b) => a.start - b.start || a.datastore.localeCompare(b.datastore));
}

/**
 * The runs of the jobs `indices` (in increasing order) in time order, a tie going to the job
 * listed first: each job's runs are in order, so the jobs' lists are merged pairwise, log2(jobs)
 * passes over the runs (sorting them all was several times slower).
 */
function mergedRuns(jobs: readonly JobRuns[], indices: readonly number[]): { times: Float64Array; owners: Int32Array } {
  let n = 0;
  for (const i of indices) n += jobs[i].runs.length;
  let times = new Float64Array(n);
  let owners = new Int32Array(n);
  // where each list starts (and, last, where they end)
  let bounds: number[] = [];
  let k = 0;
  for (const i of indices) {
    bounds.push(k);
    for (const t of jobs[i].runs) {
      times[k] = t;
      owners[k++] = i;
    }
  }
  bounds.push(n);
  let intoTimes = new Float64Array(n);
  let intoOwners = new Int32Array(n);
  while (bounds.length > 2) {
    const merged: number[] = [];
    for (let b = 0; b + 1 < bounds.length; b += 2) {
      const lo = bounds[b];
      const mid = bounds[b + 1];
      const hi = b + 2 < bounds.length ? bounds[b + 2] : mid;
      merged.push(lo);
      let x = lo;
      let y = mid;
      let o = lo;
      while (x < mid && y < hi) {
        // the left list (the earlier jobs) wins ties
        const from = times[y] < times[x] ? y++ : x++;
        intoTimes[o] = times[from];
        intoOwners[o++] = owners[from];
      }
      for (; x < mid; x++, o++) {
        intoTimes[o] = times[x];
        intoOwners[o] = owners[x];
      }
      for (; y < hi; y++, o++) {
        intoTimes[o] = times[y];
        intoOwners[o] = owners[y];
      }
    }
    merged.push(n);
    [times, intoTimes] = [intoTimes, times];
    [owners, intoOwners] = [intoOwners, owners];
    bounds = merged;
  }
  return { times, owners };
}
