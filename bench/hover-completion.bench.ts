// Hover and completion latency in-process on a 10k-section datastore.cfg (with a sync.cfg beside
// it whose references resolve into it): p50/p95 over positions spread through the file, after a
// warm-up. Target from issue 4: p95 ≤ 5 ms. The anchor is the cost of converting one position
// to an offset with a fresh LineIndex (what the server does per request anyway).
import { fileKindByName } from '../schema/file-kinds.ts';
import { completionsAt } from '../service/completion.ts';
import { DEFAULT_SETTINGS } from '../server/settings.ts';
import { hoverAt } from '../service/hover.ts';
import { LineIndex } from '../service/line-index.ts';
import { Workspace } from '../service/workspace.ts';
import type { Bench, BenchRow } from './harness.ts';
import { median, percentile } from './harness.ts';
import { datastoreCfg } from './synthetic.ts';

const SECTIONS = 10_000;
const SAMPLES = 400;

function latencies(offsets: number[], fn: (offset: number) => unknown): number[] {
  for (const o of offsets.slice(0, 20)) fn(o); // warm-up
  return offsets.map((o) => {
    const t0 = process.hrtime.bigint();
    fn(o);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
}

/** Offsets of the `needle`s in `text`, spread evenly over the file, `at` characters into each. */
function positions(text: string, needle: string, at: number): number[] {
  const all: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) all.push(i + at);
  const step = Math.max(1, Math.floor(all.length / SAMPLES));
  return all.filter((_, i) => i % step === 0).slice(0, SAMPLES);
}

function rows(name: string, ms: number[], anchorMs: number, targeted = true): BenchRow[] {
  const p95 = percentile(ms, 95);
  return [
    { name: `${name} p50`, value: median(ms), unit: 'ms', anchor: { name: 'fresh LineIndex of the file', value: anchorMs } },
    {
      name: `${name} p95`,
      value: p95,
      unit: 'ms',
      anchor: { name: 'fresh LineIndex of the file', value: anchorMs },
      ...(targeted ? { target: '≤ 5 ms', met: p95 <= 5 } : {}),
    },
  ];
}

const bench: Bench = async () => {
  const ws = new Workspace();
  const text = datastoreCfg(SECTIONS);
  const ds = ws.set('/bench/datastore.cfg', fileKindByName('datastore.cfg')!, text);
  const syncText = Array.from({ length: 2000 }, (_, i) => `sync: job${i}\n\tstore store${i * 5}\n\tremote-store store${i * 5 + 1}\n\tschedule mon..fri 0${i % 10}:00\n\trate-in 10MiB\n\t\n`).join('\n');
  const sync = ws.set('/bench/sync.cfg', fileKindByName('sync.cfg')!, syncText);
  ws.definitions(ds);
  const opts = { markdown: true, now: new Date('2025-03-01T00:00:00Z'), timeZone: 'Europe/Vienna' };
  const anchor = median(latencies(positions(text, 'path ', 0).slice(0, 30), () => new LineIndex(text)));

  const hoverSchedule = latencies(positions(text, 'gc-schedule ', 13), (o) => hoverAt(ds, ws, o, opts));
  const hoverKey = latencies(positions(text, 'tuning ', 2), (o) => hoverAt(ds, ws, o, opts));
  const hoverRef = latencies(positions(syncText, '\tstore ', 8), (o) => hoverAt(sync, ws, o, opts));
  const complKey = latencies(positions(text, 'verify-new true\n', 16 + 0), (o) => completionsAt(ds, ws, Math.min(o, text.length)));
  const complEnum = latencies(positions(text, 'notification-mode ', 18), (o) => completionsAt(ds, ws, o));
  const complRef = latencies(positions(syncText, '\t\n', 1), (o) => completionsAt(sync, ws, o));
  const complStoreAll = latencies(positions(syncText, '\tstore ', 7), (o) => completionsAt(sync, ws, o));
  // what the server asks for with the default pbs.limits.maxResults (2000)
  const complStore = latencies(positions(syncText, '\tstore ', 7), (o) => completionsAt(sync, ws, o, { maxReferences: DEFAULT_SETTINGS.limits.maxResults }));
  return {
    title: 'Hover and completion latency (10k-section datastore.cfg, in-process)',
    rows: [
      ...rows('hover on a schedule (words + 5 next runs)', hoverSchedule, anchor),
      ...rows('hover on a key (tuning)', hoverKey, anchor),
      ...rows('hover on a reference (sync store → 10k datastores)', hoverRef, anchor),
      ...rows('completion at a header position (blank line between sections)', complKey, anchor),
      ...rows('completion of an enum value', complEnum, anchor),
      ...rows('completion of keys in sync.cfg (2k sections)', complRef, anchor),
      ...rows('completion of a datastore reference, 10k candidates, default limit 2000 (what the editor gets)', complStore, anchor),
      ...rows('… the same, all 10k candidates (pbs.limits.maxResults ≥ 10000)', complStoreAll, anchor, false),
    ],
    notes: [
      `${SAMPLES} positions per row spread over the file, after 20 warm-up calls; service functions only (no LSP round trip). The anchor is the per-request position conversion the server also pays.`,
    ],
  };
};
export default bench;
