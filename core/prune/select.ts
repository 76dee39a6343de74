// Which snapshots a prune keeps: PBS's selection (pbs-datastore/src/prune.rs, compute_prune_info,
// and the keep-all rule of src/server/prune_job.rs), re-enacted for one backup group.
//
// PBS sorts the group newest first, keeps the newest unfinished snapshot (no manifest) as long as
// no finished one is newer, and then applies the rules in a fixed order: keep-last, -hourly,
// -daily, -weekly (ISO week), -monthly, -yearly. Each rule walks the snapshots newest first and
// keeps the first snapshot of each period (hour, day, ...) until it has kept N periods; a period
// in which an earlier rule already kept a snapshot is skipped (it neither counts nor keeps). A
// protected snapshot is never removed and never counts for a rule. When no rule keeps anything
// (all options absent or 0), PBS keeps every snapshot ("No prune selection - keeping all files").
//
// Periods are read in the server's local time (strftime_local), so the zone matters: a backup at
// 23:30 UTC is on the next day in Berlin.
import { localFields, type LocalFields } from './local-time.ts';

/** The keep rules, in the order PBS applies them. */
export const KEEP_RULES = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly'] as const;
export type KeepRule = (typeof KEEP_RULES)[number];

/** keep-* options as in prune.cfg / datastore.cfg (PBS's KeepOptions); absent means unset. */
export type KeepOptions = Partial<Record<KeepRule, number>>;

export interface Snapshot {
  /** Backup time, epoch seconds (the snapshot's name, e.g. 2019-11-15T09:39:15Z). */
  time: number;
  /** Marked protected: never pruned. */
  protected?: boolean;
  /** Has its manifest (a finished backup); default true. */
  finished?: boolean;
}

/**
 * Why a snapshot stays: the rule that kept it, 'protected', 'keep-partial' (the newest unfinished
 * backup, kept while it may still be running), 'keep-all' (no rule selects anything, so PBS
 * keeps everything), or null: it is removed.
 */
export type PruneReason = KeepRule | 'protected' | 'keep-partial' | 'keep-all' | null;

export interface PruneVerdict {
  time: number;
  keep: boolean;
  reason: PruneReason;
}

/** Whether any rule keeps something (PBS's KeepOptions::keeps_something). */
export function keepsSomething(options: KeepOptions): boolean {
  return KEEP_RULES.some((r) => (options[r] ?? 0) > 0);
}

/** The period a snapshot falls in for a rule (PBS's strftime_local formats); keep-last: itself. */
function periodKey(rule: KeepRule, t: number, f: LocalFields): number {
  switch (rule) {
    case 'keep-last':
      return t; // backup_time_string: one period per distinct backup time
    case 'keep-hourly':
      return ((f.year * 12 + f.month) * 31 + f.day) * 24 + f.hour; // %Y/%m/%d/%H
    case 'keep-daily':
      return (f.year * 12 + f.month) * 31 + f.day; // %Y/%m/%d
    case 'keep-weekly':
      return f.isoYear * 53 + f.isoWeek; // %G/%V: the ISO year may differ from the calendar year
    case 'keep-monthly':
      return f.year * 12 + f.month; // %Y/%m
    case 'keep-yearly':
      return f.year; // %Y
  }
}

/**
 * PBS's verdict on each snapshot of one group, newest first. `timeZone` is the server's IANA zone
 * (default: this process's, TZ honoured).
 */
export function selectPrune(snapshots: readonly Snapshot[], options: KeepOptions, timeZone?: string): PruneVerdict[] {
  const list = [...snapshots].sort((a, b) => b.time - a.time);
  const reason: PruneReason[] = new Array(list.length).fill(undefined);
  const marked = new Uint8Array(list.length); // 1: a mark was set (keep, partial, protected or remove)
  const kept = new Uint8Array(list.length); // 1: marked Keep by a rule

  // remove_incomplete_snapshots: the newest unfinished one stays while no finished one is newer.
  let keepUnfinished = true;
  for (let i = 0; i < list.length; i++) {
    if (list[i].finished !== false) keepUnfinished = false;
    else {
      marked[i] = 1;
      reason[i] = keepUnfinished ? 'keep-partial' : null;
      keepUnfinished = false;
    }
  }

  const fields = localFields(list.map((s) => s.time), timeZone);
  for (const rule of KEEP_RULES) {
    const n = options[rule];
    if (n === undefined) continue;
    // mark_selections: periods already holding a snapshot kept by an earlier rule are skipped.
    const already = new Set<number>();
    for (let i = 0; i < list.length; i++) if (kept[i]) already.add(periodKey(rule, list[i].time, fields[i]));
    const included = new Set<number>();
    for (let i = 0; i < list.length; i++) {
      if (marked[i]) continue;
      if (list[i].protected) {
        marked[i] = 1;
        reason[i] = 'protected';
        continue;
      }
      const key = periodKey(rule, list[i].time, fields[i]);
      if (already.has(key)) continue;
      if (!included.has(key)) {
        if (included.size >= n) break;
        included.add(key);
        marked[i] = 1;
        kept[i] = 1;
        reason[i] = rule;
      } else {
        marked[i] = 1;
        reason[i] = null;
      }
    }
  }

  const keepAll = !keepsSomething(options);
  return list.map((s, i) => {
    const r: PruneReason = s.protected ? 'protected' : (reason[i] ?? null);
    if (r === null && keepAll) return { time: s.time, keep: true, reason: 'keep-all' };
    return { time: s.time, keep: r !== null, reason: r };
  });
}
