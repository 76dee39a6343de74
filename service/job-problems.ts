// Jobs that never run, as diagnostics (warnings: PBS accepts the file, the job just never starts):
// a schedule whose runs all lie in the past (`2020-01-01`), and a prune job without keep-*
// options, which PBS's proxy skips at every turn (schedule_datastore_prune_jobs: "no 'keep'
// values set, keep all"). A schedule with no run at all (`*-02-30`) is already told by its
// grammar; a schedule that does not parse is an error of its own.
//
// And, when asked (pbs.calendar.overlapHints), hints on the schedules of heavy jobs on one datastore
// that start close together: information, not a fault (the calendar decides what overlaps).
import { searchRuns } from '../core/format/next-runs.ts';
import { zonedTime } from '../core/format/epoch.ts';
import { localTimeZone } from '../core/format/zone-clock.ts';
import type { ProblemSink } from '../schema/problem.ts';
import { sectionJobLists, type SectionJob } from './job-calendar.ts';
import { collisionsOf, NEAR_DAYS } from './job-overlaps.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

const KIND_WORDS = { gc: 'garbage collection', prune: 'prune job', verify: 'verification job', sync: 'sync job', 'tape-backup': 'tape backup job' } as const;
/** Other jobs named in one hint, and places linked from it, at most. */
const MAX_NAMED = 3;
const MAX_RELATED = 10;

/** A job in words: "garbage collection of 'store1'", "verification job 'v1'". */
function jobWords(job: SectionJob): string {
  return job.kind === 'gc' ? `garbage collection of '${job.id}'` : `${KIND_WORDS[job.kind]} '${job.id}'`;
}

/**
 * The jobs that may never run, whatever the time: a prune job PBS skips, and a schedule bound to
 * years (without years its dates come back). Most files have none.
 */
const jobsInQuestion = sectionJobLists((job) => job.skipped !== undefined || (job.event !== undefined && job.event.year.length > 0));

export function jobProblems(file: WorkspaceFile, out: ProblemSink, now = new Date(), timeZone?: string): void {
  if (file.parsed.family !== 'section-config') return;
  for (const job of jobsInQuestion(file)) {
    if (out.full) return;
    if (job.skipped === 'no-keep-option') {
      out.push({
        start: job.start,
        end: job.end,
        code: 'never-runs',
        severity: 'warning',
        message: `${jobWords(job)} has no keep-* option: PBS skips it at every run and keeps every snapshot; add e.g. keep-daily 7, or remove the job`,
      });
      continue;
    }
    if (!job.event || searchRuns(job.event, now, 1, timeZone).end !== 'never') continue;
    // No run from now on; from 1970 on there was one, so the dates are past (else the grammar says it).
    if (searchRuns(job.event, new Date(0), 1, timeZone).runs.length === 0) continue;
    out.push({
      start: job.start,
      end: job.end,
      code: 'never-runs',
      severity: 'warning',
      message: `schedule: '${job.schedule}' never runs again: every time it names is in the past, so PBS never starts ${jobWords(job)}`,
    });
  }
}

export interface OverlapHintOptions {
  now: Date;
  timeZone?: string;
  windowMinutes: number;
}

/**
 * One hint per heavy job of `file` and datastore where other heavy jobs start within the window
 * in the next NEAR_DAYS days: it names them, the datastore and the first start of a collision,
 * and links to their schedules (in this file or the files beside it).
 */
export function overlapHints(file: WorkspaceFile, workspace: Workspace, out: ProblemSink, options: OverlapHintOptions): void {
  if (file.parsed.family !== 'section-config') return;
  const zone = options.timeZone ?? localTimeZone();
  const when = (t: number) => zonedTime(t, zone).wallClock.slice(0, 16);
  for (const [job, { list: all, more }] of collisionsOf(file, workspace, options)) {
    const byStore = new Map<string, typeof all>();
    for (const c of all) byStore.set(c.datastore, [...(byStore.get(c.datastore) ?? []), c]);
    for (const [store, list] of byStore) {
      if (out.full) return;
      const first = Math.min(...list.map((c) => c.first));
      const named = list.slice(0, MAX_NAMED).map((c) => jobWords(c.other));
      const rest = list.length - named.length;
      const others = rest > 0 || more ? `${named.join(', ')} and ${more ? 'more than ' : ''}${rest} more` : named.join(' and ');
      out.push({
        start: job.start,
        end: job.end,
        code: 'job-overlap',
        severity: 'hint',
        message: `${jobWords(job)} starts within ${options.windowMinutes} minutes of ${others} on datastore '${store}', first at ${when(first)} (${zone}); heavy jobs on one datastore slow each other down`,
        related: list.slice(0, MAX_RELATED).map((c) => ({
          path: c.other.file,
          start: c.other.start,
          end: c.other.end,
          message: `${jobWords(c.other)} starts ${when(c.times[0])}${c.count > 1 ? ` (${c.count} times in ${NEAR_DAYS} days)` : ''}`,
        })),
      });
    }
  }
}
