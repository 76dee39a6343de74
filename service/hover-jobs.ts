// What hover says beyond a value's own meaning, about the job the value belongs to: what a prune
// job's keep-* options keep (simulated with PBS's selection on a regular backup history), and
// which heavy jobs on the same datastore start close to a schedule.
import type { SectionNode } from '../grammar/ast.ts';
import { KEEP_RULES, selectPrune, type KeepOptions, type Snapshot } from '../core/prune/select.ts';
import { zonedTime } from '../core/format/epoch.ts';
import { localTimeZone } from '../core/format/zone-clock.ts';
import { jobsOfFile, keepOptionsOf } from './job-calendar.ts';
import { collisionsOf, NEAR_DAYS, NEAR_MINUTES } from './job-overlaps.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

/**
 * Sections whose keep-* options a prune runs with: prune jobs. A datastore's legacy keep-* options
 * are not (PBS's proxy only schedules prune.cfg jobs; their hover says they are deprecated).
 */
const KEEP_SECTIONS = new Set(['prune.cfg/prune']);
/** Simulated history: at most this many years (keep-yearly 1000 is allowed by the schema). */
const MAX_YEARS = 50;
const DAY = 86_400;

export interface KeepSummary {
  /** The sum of the keep-* counts: no prune keeps more (protected snapshots aside). */
  atMost: number;
  /** The backup rhythm simulated: hourly when keep-hourly is set, daily otherwise. */
  cadence: 'hourly' | 'daily';
  /** Kept of that history, and the age of the oldest kept, in days. */
  kept: number;
  oldestDays: number;
  /** The simulated history was cut at MAX_YEARS: the oldest kept may be older. */
  cut: boolean;
}

/** What `options` keep of a regular history of backups ending at `now` (undefined: nothing set). */
export function keepSummary(options: KeepOptions, now: Date, timeZone?: string): KeepSummary | undefined {
  const counts = KEEP_RULES.map((r) => options[r] ?? 0);
  const atMost = counts.reduce((a, b) => a + b, 0);
  if (atMost === 0) return undefined;
  const [last, hourly, daily, weekly, monthly, yearly] = counts;
  const cadence = hourly > 0 ? 'hourly' : 'daily';
  // Long enough for every rule to find its periods even after the earlier rules took theirs.
  const wantedDays = Math.ceil((cadence === 'hourly' ? last / 24 : last) + hourly / 24 + daily + 7 * weekly + 31 * monthly + 366 * yearly) + 2;
  const days = Math.min(wantedDays, MAX_YEARS * 366);
  const end = Math.floor(now.getTime() / 1000);
  const snapshots: Snapshot[] = [];
  // hourly backups for the hours keep-last and keep-hourly look at, a daily one before that
  const hourlyHours = cadence === 'hourly' ? last + hourly + 48 : 0;
  for (let h = 0; h < hourlyHours; h++) snapshots.push({ time: end - h * 3600 });
  for (let d = Math.ceil(hourlyHours / 24); d < days; d++) snapshots.push({ time: end - d * DAY });
  const verdicts = selectPrune(snapshots, options, timeZone);
  const kept = verdicts.filter((v) => v.keep);
  const oldest = kept.length ? kept[kept.length - 1].time : end;
  return { atMost, cadence, kept: kept.length, oldestDays: (end - oldest) / DAY, cut: wantedDays > days };
}

/** "about 6 months", "3 days", "about 2 years". */
export function ageWords(days: number): string {
  if (days < 1.5) return `${Math.round(days * 24)} hours`;
  if (days < 14) return `${Math.round(days)} days`;
  if (days < 60) return `about ${Math.round(days / 7)} weeks`;
  if (days < 700) return `about ${Math.round(days / 30.44)} months`;
  return `about ${Math.round(days / 365.25)} years`;
}

/** Paragraphs for a keep-* value's hover: what the section's options keep. */
export function keepParagraphs(file: WorkspaceFile, section: SectionNode, now: Date, timeZone?: string): string[] {
  if (!KEEP_SECTIONS.has(`${file.kind.name}/${section.type.text}`)) return [];
  const options = keepOptionsOf(section);
  const s = keepSummary(options, now, timeZone);
  if (!s) return [];
  const rules = KEEP_RULES.filter((r) => (options[r] ?? 0) > 0).map((r) => `${r} ${options[r]}`);
  return [
    `With ${rules.join(', ')} a prune keeps at most ${s.atMost} snapshot${s.atMost === 1 ? '' : 's'} per backup group (protected ones aside).`,
    `With ${s.cadence} backups it keeps ${s.kept}; the oldest kept is ${s.cut ? 'more than ' : ''}${ageWords(s.oldestDays)} old. Each rule skips the periods an earlier rule already kept (PBS's order: last, hourly, daily, weekly, monthly, yearly).`,
  ];
}

/**
 * Paragraphs for a schedule's hover: the heavy jobs on the same datastore that start within
 * `windowMinutes` of this job in the next NEAR_DAYS days, if any.
 */
export function nearJobParagraphs(file: WorkspaceFile, workspace: Workspace, valueStart: number, now: Date, timeZone?: string, windowMinutes = NEAR_MINUTES): string[] {
  const job = jobsOfFile(file).find((j) => j.start === valueStart);
  if (!job) return [];
  const collisions = collisionsOf(file, workspace, { now, timeZone, windowMinutes }, job).get(job);
  // Silent when nothing starts nearby: the hover of a schedule is long enough.
  if (!collisions) return [];
  const zone = timeZone ?? localTimeZone();
  const list = collisions.list.map(({ other, times, count }) => {
    const when = times.map((t) => zonedTime(t, zone).wallClock.slice(0, 16));
    return `${other.kind} ${other.id} (${when.join(', ')}${count > times.length ? `, … ${count} times` : ''})`;
  });
  if (collisions.more) list.push('and more');
  const stores = [...new Set(collisions.list.map((c) => c.datastore))].join(', ');
  return [`Starts within ${windowMinutes} minutes of other heavy jobs on ${stores} in the next ${NEAR_DAYS} days (${zone}): ${list.join('; ')}.`];
}
