// The job calendar as data and as text for every front: the JSON of DESIGN.md's contract (times
// as ISO 8601 in the server's zone) and the agenda per datastore that `pbs-tools calendar` prints.
import { isoInZone, zonedTime } from '../core/format/epoch.ts';
import { NEVER_RUNS_WORDS, type JobCalendar, type JobRuns, type Overlap } from './job-calendar.ts';


/** The JSON contract of DESIGN.md. */
export function calendarJson(cal: JobCalendar) {
  return {
    timeZone: cal.timeZone,
    from: isoInZone(cal.from, cal.timeZone),
    to: isoInZone(cal.to, cal.timeZone),
    jobs: cal.jobs.map((j) => jobJson(j, cal.timeZone)),
    overlaps: cal.overlaps.map((o) => overlapJson(o, cal.timeZone)),
    neverRuns: cal.neverRuns.map(neverRunJson),
  };
}

const jobJson = (j: JobRuns, zone: string) => ({ file: j.file, line: j.line, id: j.id, kind: j.kind, datastores: j.datastores, schedule: j.schedule, runs: j.runs.map((t) => isoInZone(t, zone)) });
const overlapJson = (o: Overlap, zone: string) => ({ datastore: o.datastore, start: isoInZone(o.start, zone), jobs: o.jobs.map((j) => j.id) });
const neverRunJson = (j: JobCalendar['neverRuns'][number]) => ({ file: j.file, line: j.line, id: j.id, reason: j.reason });

/**
 * calendarJson as JSON text, piece by piece: one line per job (its runs on it), overlap and
 * never-run. A busy month has a hundred thousand runs (several MB of JSON); made one job at a
 * time, no piece is large and no run's string outlives its line.
 */
export function* calendarJsonText(cal: JobCalendar): Generator<string> {
  const zone = cal.timeZone;
  yield `{\n "timeZone": ${JSON.stringify(zone)},\n "from": "${isoInZone(cal.from, zone)}",\n "to": "${isoInZone(cal.to, zone)}",\n`;
  yield* listLines('jobs', cal.jobs, (j) => jobJson(j, zone), ',');
  yield* listLines('overlaps', cal.overlaps, (o) => overlapJson(o, zone), ',');
  yield* listLines('neverRuns', cal.neverRuns, neverRunJson, '');
  yield '}\n';
}

function* listLines<T>(name: string, items: readonly T[], json: (item: T) => unknown, after: string): Generator<string> {
  if (items.length === 0) {
    yield ` "${name}": []${after}\n`;
    return;
  }
  yield ` "${name}": [\n`;
  for (let i = 0; i < items.length; i++) yield `  ${JSON.stringify(json(items[i]))}${i < items.length - 1 ? ',' : ''}\n`;
  yield ` ]${after}\n`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Runs listed per job at most in the agenda; a job firing every minute would drown the rest. */
const MAX_AGENDA_RUNS = 24;

export function agenda(cal: JobCalendar, windowMinutes: number): string {
  const when = (t: number) => {
    const z = zonedTime(t, cal.timeZone);
    const weekday = WEEKDAYS[new Date(`${z.wallClock.slice(0, 10)}T00:00:00Z`).getUTCDay()];
    return `${weekday} ${z.wallClock.slice(0, 16)}`;
  };
  const out: string[] = [`Jobs from ${when(cal.from)} to ${when(cal.to)} (time zone ${cal.timeZone})`];
  const overlapping = new Map<string, string[]>(); // `${store}\0${time}\0${id}` → the others
  for (const o of cal.overlaps) {
    for (const j of o.jobs) {
      overlapping.set(`${o.datastore}\0${j.time}\0${j.id}`, o.jobs.filter((k) => k !== j).map((k) => `${k.kind} ${k.id} at ${zonedTime(k.time, cal.timeZone).wallClock.slice(11, 16)}`));
    }
  }
  const stores = [...new Set(cal.jobs.flatMap((j) => j.datastores))].sort();
  for (const store of stores) {
    out.push('', store);
    const rows: { t: number; line: string }[] = [];
    for (const j of cal.jobs.filter((k) => k.datastores.includes(store))) {
      const where = `${j.file}:${j.line}`;
      j.runs.slice(0, MAX_AGENDA_RUNS).forEach((t) => {
        const others = overlapping.get(`${store}\0${t}\0${j.id}`);
        rows.push({ t, line: `  ${others ? '!' : ' '} ${when(t)}  ${j.kind.padEnd(11)} ${j.id.padEnd(20)} ${where}${others ? `  overlaps ${others.join(', ')}` : ''}` });
      });
      if (j.runs.length > MAX_AGENDA_RUNS) rows.push({ t: j.runs[MAX_AGENDA_RUNS], line: `    … ${j.runs.length - MAX_AGENDA_RUNS} more runs of ${j.kind} ${j.id} ('${j.schedule}')` });
      if (j.runs.length === 0 && !cal.neverRuns.some((n) => n.file === j.file && n.start === j.start)) rows.push({ t: Infinity, line: `    ${j.kind} ${j.id}: no run in this window ('${j.schedule}') ${where}` });
    }
    out.push(...rows.sort((a, b) => a.t - b.t).map((r) => r.line));
  }
  if (cal.neverRuns.length > 0) {
    out.push('', 'Never run:');
    for (const j of cal.neverRuns) out.push(`  ${j.file}:${j.line}: ${j.kind} ${j.id} ('${j.schedule}'): ${NEVER_RUNS_WORDS[j.reason]}`);
  }
  out.push('', `${cal.jobs.length} jobs, ${cal.overlaps.length} overlaps (heavy jobs on one datastore starting within ${windowMinutes} minutes), ${cal.neverRuns.length} never run`);
  return out.join('\n') + '\n';
}
