// Which heavy jobs on the same datastore start close to the jobs of one file: what hover tells on a
// schedule and what the overlap hints (pbs.calendar.overlapHints) mark. Both ask the calendar
// (job-calendar.ts jobCalendar / overlapsOf), so the rule of what overlaps is decided once.
//
// The work is bounded: only the heavy jobs on the file's datastores are looked at, over a few days
// from now, with at most RUN_BUDGET runs computed in all (a `*:0/1` job fires 1440 times a day).
import { HEAVY_KINDS, jobCalendar, jobsOfFile, scheduledJobs, type ScheduledJob } from './job-calendar.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

/** How far ahead jobs are looked at, and how close counts by default (as the calendar's default). */
export const NEAR_DAYS = 7;
export const NEAR_MINUTES = 30;
/** Runs computed at most over every job looked at; each job gets its share (at least MIN_RUNS). */
const RUN_BUDGET = 100_000;
const MIN_RUNS = 50;
const MAX_RUNS_PER_JOB = 2000;

/** Another heavy job that starts close to one of the file's jobs on a datastore they share. */
export interface Collision {
  datastore: string;
  other: ScheduledJob;
  /** The other job's first starts that fall in a group with this job's starts (at most MAX_TIMES), epoch seconds. */
  times: number[];
  /** How many of the other job's starts fall in such groups. */
  count: number;
  /** The start of the first such group (this job's or the other's run, whichever is earlier). */
  first: number;
}

/** Per job: the other jobs it collides with (at most MAX_OTHERS), and whether there were more. */
export interface Collisions {
  list: Collision[];
  more: boolean;
}

const MAX_TIMES = 3;
const MAX_OTHERS = 20;

export interface OverlapOptions {
  now: Date;
  /** The server's IANA zone (default: this process's). */
  timeZone?: string;
  windowMinutes: number;
  days?: number;
}

/**
 * For each heavy job of `file` (or only `only`, when given) that starts close to another heavy
 * job on one of its datastores: those jobs, in the order of their first collision.
 */
export function collisionsOf(file: WorkspaceFile, workspace: Workspace, options: OverlapOptions, only?: ScheduledJob): Map<ScheduledJob, Collisions> {
  const own = jobsOfFile(file).filter((j) => (only === undefined || j === only) && j.event && !j.skipped && HEAVY_KINDS.has(j.kind) && j.datastores.length > 0);
  const out = new Map<ScheduledJob, Collisions>();
  if (own.length === 0) return out;
  // only jobs on these datastores can overlap with them
  const stores = new Set(own.flatMap((j) => j.datastores));
  const others = scheduledJobs(workspace, workspace.siblingsOf(file).filter((f) => f.path !== file.path));
  const candidates = [...own, ...jobsOfFile(file).filter((j) => !own.includes(j)), ...others].filter((j) => HEAVY_KINDS.has(j.kind) && j.datastores.some((d) => stores.has(d)));
  const maxRunsPerJob = Math.min(MAX_RUNS_PER_JOB, Math.max(MIN_RUNS, Math.floor(RUN_BUDGET / candidates.length)));
  const cal = jobCalendar(candidates, { from: options.now, days: options.days ?? NEAR_DAYS, timeZone: options.timeZone, windowMinutes: options.windowMinutes, maxRunsPerJob });
  // own jobs are the calendar's first `own.length`; per own job: `${datastore}\0${other index}` → collision
  const found = new Map<number, { byOther: Map<string, { c: Collision; index: number }>; more: boolean }>();
  for (const o of cal.overlaps) {
    // the group's runs by job, in time order
    const inGroup = new Map<number, number[]>();
    for (const r of o.jobs) {
      const times = inGroup.get(r.job);
      if (times) times.push(r.time);
      else inGroup.set(r.job, [r.time]);
    }
    for (const mine of inGroup.keys()) {
      if (mine >= own.length) continue;
      let entry = found.get(mine);
      if (!entry) found.set(mine, (entry = { byOther: new Map(), more: false }));
      // the others of this group: new ones while there is room, then those already named
      // (O(MAX_OTHERS) per group and job, however many jobs the group has)
      const counted = new Set<number>();
      for (const [theirs, times] of inGroup) {
        if (entry.byOther.size >= MAX_OTHERS) break;
        const key = `${o.datastore}\0${theirs}`;
        if (theirs === mine || entry.byOther.has(key)) continue;
        const c: Collision = { datastore: o.datastore, other: candidates[theirs], times: [], count: 0, first: o.start };
        entry.byOther.set(key, { c, index: theirs });
        addTimes(c, times);
        counted.add(theirs);
      }
      for (const { c, index } of entry.byOther.values()) {
        const times = c.datastore === o.datastore && !counted.has(index) ? inGroup.get(index) : undefined;
        if (!times) continue;
        addTimes(c, times);
        counted.add(index);
      }
      if (counted.size < inGroup.size - 1) entry.more = true;
    }
  }
  for (const [index, { byOther, more }] of found) out.set(own[index], { list: [...byOther.values()].map((e) => e.c), more });
  return out;
}

function addTimes(c: Collision, times: readonly number[]): void {
  for (const t of times) if (c.times.length < MAX_TIMES) c.times.push(t);
  c.count += times.length;
}
