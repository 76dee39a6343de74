// The prune simulation as a picture, after PBS's own prune simulator (docs/prune-simulator): one
// row per month (newest on top), one cell per day, coloured by the rule that kept a snapshot that
// day (stripes when several did), grey when the day's snapshots are all removed. Each cell's
// tooltip lists the day's snapshots. Colours are the simulator's, so admins who know it read it
// at once.
import type { KeepOptions, PruneReason, PruneVerdict } from '../../core/prune/select.ts';
import { KEEP_RULES } from '../../core/prune/select.ts';
import { localFields } from '../../core/prune/local-time.ts';
import { el, svgDocument, text, xmlText } from './svg.ts';

/** PBS's prune simulator colours (COLORS / TEXT_COLORS), as hex for every renderer. */
export const RULE_COLOURS: Record<Exclude<PruneReason, null>, { fill: string; label: string }> = {
  'keep-last': { fill: '#ffa500', label: 'keep-last' },
  'keep-hourly': { fill: '#800080', label: 'keep-hourly' },
  'keep-daily': { fill: '#f5d300', label: 'keep-daily' },
  'keep-weekly': { fill: '#008000', label: 'keep-weekly' },
  'keep-monthly': { fill: '#1f5fd6', label: 'keep-monthly' },
  'keep-yearly': { fill: '#d21f1f', label: 'keep-yearly' },
  protected: { fill: '#4d4d4d', label: 'protected' },
  'keep-partial': { fill: '#9ecae1', label: 'unfinished (kept)' },
  'keep-all': { fill: '#bdbdbd', label: 'kept (no rule)' },
};
const REMOVED = '#e6e6e6';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Most month rows drawn; older months are summed up in a line. */
export const MAX_MONTH_ROWS = 240;

const CELL = 18;
const GAP = 2;
const LEFT = 78;
const pad2 = (n: number) => String(n).padStart(2, '0');

interface Day {
  entries: { hour: number; minute: number; verdict: PruneVerdict }[];
}

export interface PruneSvgOptions {
  options: KeepOptions;
  timeZone: string;
}

export function pruneSvg(verdicts: readonly PruneVerdict[], { options, timeZone }: PruneSvgOptions): string {
  const fields = localFields(
    verdicts.map((v) => v.time),
    timeZone,
  );
  // month key (year*12+month-1) → day of month → snapshots
  const months = new Map<number, Map<number, Day>>();
  verdicts.forEach((v, i) => {
    const f = fields[i];
    const key = f.year * 12 + f.month - 1;
    let days = months.get(key);
    if (!days) months.set(key, (days = new Map()));
    let day = days.get(f.day);
    if (!day) days.set(f.day, (day = { entries: [] }));
    day.entries.push({ hour: f.hour, minute: f.minute, verdict: v });
  });
  const keys = [...months.keys()].sort((a, b) => b - a);
  const shown = keys.slice(0, MAX_MONTH_ROWS);
  const kept = verdicts.filter((v) => v.keep).length;
  const rules = KEEP_RULES.filter((r) => options[r] !== undefined).map((r) => `${r} ${options[r]}`);
  const title = `Prune simulation: ${rules.join(', ') || 'no keep option'}`;
  const subtitle = `${kept} of ${verdicts.length} snapshots kept, ${verdicts.length - kept} removed — days in time zone ${timeZone}`;

  const parts: string[] = [];
  parts.push(text(12, 22, title, { 'font-size': 15, 'font-weight': 600, fill: '#1a1a1a' }));
  parts.push(text(12, 40, subtitle, { fill: '#444' }));
  // legend: the reasons that occur, in rule order, then "removed"
  const reasons = new Set(verdicts.map((v) => v.reason));
  let x = 12;
  const legendY = 54;
  for (const [reason, c] of Object.entries(RULE_COLOURS) as [Exclude<PruneReason, null>, (typeof RULE_COLOURS)[keyof typeof RULE_COLOURS]][]) {
    if (!reasons.has(reason)) continue;
    parts.push(el('rect', { x, y: legendY, width: 12, height: 12, fill: c.fill, rx: 2 }));
    parts.push(text(x + 16, legendY + 10, c.label, { fill: '#333' }));
    x += 24 + c.label.length * 6.6;
  }
  parts.push(el('rect', { x, y: legendY, width: 12, height: 12, fill: REMOVED, rx: 2 }));
  parts.push(text(x + 16, legendY + 10, 'removed', { fill: '#333' }));

  const top = 84;
  // day-of-month header
  for (let d = 1; d <= 31; d++) {
    if (d === 1 || d % 5 === 0) parts.push(text(LEFT + (d - 1) * (CELL + GAP) + CELL / 2, top - 4, String(d), { 'text-anchor': 'middle', fill: '#666', 'font-size': 10 }));
  }
  shown.forEach((key, row) => {
    const year = Math.floor(key / 12);
    const month = key % 12;
    const y = top + row * (CELL + GAP);
    parts.push(text(12, y + 13, `${MONTHS[month]} ${year}`, { fill: '#333' }));
    const days = months.get(key)!;
    const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    for (let d = 1; d <= length; d++) {
      const cx = LEFT + (d - 1) * (CELL + GAP);
      const day = days.get(d);
      if (!day) {
        parts.push(el('rect', { x: cx + 0.5, y: y + 0.5, width: CELL - 1, height: CELL - 1, fill: 'none', stroke: '#e0e0e0', rx: 2 }));
        continue;
      }
      parts.push(dayCell(cx, y, `${year}-${pad2(month + 1)}-${pad2(d)}`, day));
    }
  });
  let height = top + shown.length * (CELL + GAP) + 10;
  if (keys.length > shown.length) {
    parts.push(text(12, height + 6, `… and ${keys.length - shown.length} older months not drawn`, { fill: '#666' }));
    height += 20;
  }
  const width = Math.max(LEFT + 31 * (CELL + GAP) + 12, x + 90, subtitle.length * 6.4 + 24, title.length * 8.6 + 24);
  return svgDocument(width, height, `${title} (${subtitle})`, parts.join('\n'));
}

/** One day: stripes of the rules that kept a snapshot (newest first), grey if all were removed. */
function dayCell(x: number, y: number, date: string, day: Day): string {
  const keptReasons: Exclude<PruneReason, null>[] = [];
  for (const e of day.entries) {
    const r = e.verdict.reason;
    if (e.verdict.keep && r !== null && !keptReasons.includes(r)) keptReasons.push(r);
  }
  const lines = day.entries.map((e) => `${pad2(e.hour)}:${pad2(e.minute)} ${e.verdict.keep ? `keep (${e.verdict.reason})` : 'remove'}`);
  const shownLines = lines.length > 12 ? [...lines.slice(0, 12), `… ${lines.length - 12} more`] : lines;
  const tooltip = el('title', {}, xmlText(`${date}: ${day.entries.length} snapshot${day.entries.length === 1 ? '' : 's'}\n${shownLines.join('\n')}`));
  if (keptReasons.length === 0) {
    return el('g', {}, tooltip + el('rect', { x, y, width: CELL, height: CELL, fill: REMOVED, rx: 2 }));
  }
  const stripe = CELL / keptReasons.length;
  const stripes = keptReasons.map((r, i) => el('rect', { x, y: y + i * stripe, width: CELL, height: stripe, fill: RULE_COLOURS[r].fill })).join('');
  // a day that also lost snapshots gets a small grey corner
  const lost = day.entries.some((e) => !e.verdict.keep) ? el('path', { d: `M${x + CELL - 6} ${y + CELL} L${x + CELL} ${y + CELL} L${x + CELL} ${y + CELL - 6} Z`, fill: '#ffffff', opacity: 0.85 }) : '';
  return el('g', {}, tooltip + stripes + lost + el('rect', { x: x + 0.5, y: y + 0.5, width: CELL - 1, height: CELL - 1, fill: 'none', stroke: '#00000033', rx: 2 }));
}
