// The job calendar as a picture: time runs left to right (a column per day, in the server's
// zone), one lane per datastore, a mark per run coloured by job kind, and a red band where heavy
// jobs on one datastore start together. Each mark's tooltip names the job, its schedule and file.
import { NEVER_RUNS_WORDS, type JobCalendar, type JobKind } from '../job-calendar.ts';
import { localFields } from '../../core/prune/local-time.ts';
import { el, svgDocument, text, xmlText } from './svg.ts';

export const KIND_COLOURS: Record<JobKind, { fill: string; label: string }> = {
  gc: { fill: '#8e44ad', label: 'garbage collection' },
  prune: { fill: '#7f8c8d', label: 'prune' },
  verify: { fill: '#2e86de', label: 'verify' },
  sync: { fill: '#e67e22', label: 'sync' },
  'tape-backup': { fill: '#16a085', label: 'tape backup' },
};
const OVERLAP = '#e74c3c';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LEFT = 150;
const LANE = 34;
const pad2 = (n: number) => String(n).padStart(2, '0');

export function calendarSvg(cal: JobCalendar): string {
  const lanes = [...new Set(cal.jobs.flatMap((j) => (j.datastores.length ? j.datastores : ['(no datastore)'])))].sort();
  const days = Math.max(1, Math.round((cal.to - cal.from) / 86_400));
  const dayWidth = Math.max(24, Math.min(140, 980 / days));
  const width = LEFT + days * dayWidth + 20;
  const x = (t: number) => LEFT + ((t - cal.from) / (cal.to - cal.from)) * days * dayWidth;
  const parts: string[] = [];
  const start = localFields([cal.from], cal.timeZone)[0];
  const end = localFields([cal.to], cal.timeZone)[0];
  const when = (f: typeof start) => `${f.year}-${pad2(f.month)}-${pad2(f.day)} ${pad2(f.hour)}:${pad2(f.minute)}`;
  const title = `PBS job calendar, ${when(start)} to ${when(end)}`;
  const runs = cal.jobs.reduce((n, j) => n + j.runs.length, 0);
  const subtitle = `${cal.jobs.length} jobs, ${runs} runs, ${cal.overlaps.length} overlaps, ${cal.neverRuns.length} never run — times in ${cal.timeZone}`;
  parts.push(text(12, 22, title, { 'font-size': 15, 'font-weight': 600, fill: '#1a1a1a' }));
  parts.push(text(12, 40, subtitle, { fill: '#444' }));
  let lx = 12;
  for (const [, c] of Object.entries(KIND_COLOURS)) {
    parts.push(el('rect', { x: lx, y: 50, width: 12, height: 12, fill: c.fill, rx: 2 }));
    parts.push(text(lx + 16, 60, c.label, { fill: '#333' }));
    lx += 28 + c.label.length * 6.6;
  }
  parts.push(el('rect', { x: lx, y: 50, width: 12, height: 12, fill: 'none', stroke: OVERLAP, 'stroke-width': 2, rx: 2 }));
  parts.push(text(lx + 16, 60, 'overlap (heavy jobs, one datastore)', { fill: '#333' }));

  const top = 92;
  const bottom = top + lanes.length * LANE;
  // day columns: a label per day at local midnight, light lines every 6 hours
  for (let t = cal.from - (cal.from % 3600); t <= cal.to; t += 3600) {
    const f = localFields([t], cal.timeZone)[0];
    if (f.minute !== 0) continue;
    const px = x(t);
    if (px < LEFT || px > LEFT + days * dayWidth) continue;
    if (f.hour === 0) {
      parts.push(el('line', { x1: px, y1: top - 16, x2: px, y2: bottom, stroke: '#bbbbbb' }));
      // the midnight that ends the window gets its line, not a label for a day not shown
      if (px < LEFT + days * dayWidth - 2) parts.push(text(px + 3, top - 6, dayWidth >= 60 ? `${WEEKDAYS[f.weekday]} ${f.year}-${pad2(f.month)}-${pad2(f.day)}` : `${pad2(f.day)}`, { fill: '#333', 'font-size': 11 }));
    } else if (f.hour % 6 === 0 && dayWidth >= 60) {
      parts.push(el('line', { x1: px, y1: top, x2: px, y2: bottom, stroke: '#e4e4e4' }));
      if (dayWidth >= 100) parts.push(text(px, bottom + 12, pad2(f.hour), { fill: '#999', 'font-size': 9, 'text-anchor': 'middle' }));
    }
  }
  lanes.forEach((lane, i) => {
    const y = top + i * LANE;
    if (i % 2 === 0) parts.push(el('rect', { x: LEFT, y, width: days * dayWidth, height: LANE, fill: '#f7f7f7' }));
    parts.push(text(12, y + LANE / 2 + 4, lane.length > 20 ? `${lane.slice(0, 19)}…` : lane, { fill: '#1a1a1a', 'font-weight': 600 }));
  });
  parts.push(el('line', { x1: LEFT, y1: bottom, x2: LEFT + days * dayWidth, y2: bottom, stroke: '#bbbbbb' }));
  // overlaps first, so the marks stay on top
  for (const o of cal.overlaps) {
    const i = lanes.indexOf(o.datastore);
    if (i < 0) continue;
    const last = Math.max(...o.jobs.map((j) => j.time));
    const x0 = x(o.start) - 5;
    const w = Math.max(10, x(last) - x(o.start) + 10);
    const names = o.jobs.map((j) => `${j.kind} ${j.id}`).join(', ');
    parts.push(el('rect', { x: x0, y: top + i * LANE + 2, width: w, height: LANE - 4, fill: '#fdecea', stroke: OVERLAP, 'stroke-width': 2, rx: 4 }, el('title', {}, xmlText(`overlap on ${o.datastore}: ${names}`))));
  }
  for (const job of cal.jobs) {
    const c = KIND_COLOURS[job.kind];
    for (const store of job.datastores.length ? job.datastores : ['(no datastore)']) {
      const i = lanes.indexOf(store);
      const lane = top + i * LANE;
      // kinds sit at their own height in the lane, so marks of two jobs at one time stay apart
      const row = (['gc', 'verify', 'sync', 'tape-backup', 'prune'] as JobKind[]).indexOf(job.kind);
      const y = lane + 5 + row * ((LANE - 14) / 4);
      for (const t of job.runs) {
        const f = localFields([t], cal.timeZone)[0];
        parts.push(
          el('rect', { x: x(t) - 3, y, width: 6, height: 9, fill: c.fill, rx: 1 }, el('title', {}, xmlText(`${pad2(f.hour)}:${pad2(f.minute)} ${c.label} ${job.id} (${job.schedule}) — ${job.file.split('/').pop()}:${job.line}`))),
        );
      }
    }
  }
  let height = bottom + 22;
  if (cal.neverRuns.length > 0) {
    parts.push(text(12, height + 8, 'Never run:', { fill: OVERLAP, 'font-weight': 600 }));
    cal.neverRuns.slice(0, 10).forEach((j, n) => {
      parts.push(text(24, height + 26 + n * 16, `${j.kind} ${j.id} ('${j.schedule}', ${j.file.split('/').pop()}:${j.line}): ${NEVER_RUNS_WORDS[j.reason]}`, { fill: '#333' }));
    });
    height += 30 + Math.min(10, cal.neverRuns.length) * 16;
  }
  return svgDocument(Math.max(width, subtitle.length * 6.4 + 24, lx + 240), height, `${title} (${subtitle})`, parts.join('\n'));
}
