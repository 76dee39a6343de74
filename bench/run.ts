// `npm run bench`: runs every bench/*.bench.ts (or those whose names are given) and writes
// bench/RESULTS.md with one table per section.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { betterOf, KEPT_BLOCKS, nodeStartMs, type BaselineRow, type BenchSection } from './harness.ts';

const dir = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

/** The start-up floor of any Node program on this machine right now (median of 11). */
const sections: BenchSection[] = [];
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const mod = (await import(new URL(f, dir).href)) as { default: () => Promise<BenchSection> };
  // Every table shows the machine's `node -e 0`: measured in the section's own loop where it is an
  // anchor, otherwise just before the section.
  const nodeMs = nodeStartMs();
  const section = await mod.default();
  if (!section.rows.some((r) => r.name.includes('node -e 0') || r.anchor?.name.includes('node -e 0'))) {
    section.rows.push({ name: 'node -e 0 on this machine (start-up floor, measured just before this section)', value: nodeMs, unit: 'ms' });
  }
  sections.push(section);
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

const out: string[] = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. ` +
    'Every figure stands next to its anchor, measured in the same run.',
  '',
];
for (const s of sections) {
  out.push(`## ${s.title}`, '', '| measurement | value | anchor | anchor value | ratio | target | met |', '|---|---|---|---|---|---|---|');
  for (const r of s.rows) {
    out.push(
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.anchor?.name ?? ''} | ${r.anchor ? `${fmt(r.anchor.value)} ${r.unit}` : ''} | ` +
        `${r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    );
  }
  if (s.notes?.length) out.push('', ...s.notes.map((n) => `- ${n}`));
  out.push('');
}
const target = new URL('RESULTS.md', dir);
if (wanted.length === 0) {
  // The blocks other tools write (fuzzing figures from `npm run fuzz`, conformance from
  // `npm run test:conformance`): keep them.
  const kept = existsSync(target) ? [...readFileSync(target, 'utf8').matchAll(KEPT_BLOCKS)].map((m) => m[0]) : [];
  for (const block of kept) out.push(block, '');
  writeFileSync(target, out.join('\n'));
  // The ratios the regression check (bench/check.ts, part of npm test) holds later runs to.
  const baseline: BaselineRow[] = sections.flatMap((s) =>
    s.rows.filter((r) => r.ratio !== undefined && Number.isFinite(r.ratio) && r.regressionChecked !== false).map((r) => ({ section: s.title, name: r.name, ratio: Number(r.ratio!.toFixed(3)), better: betterOf(r) })),
  );
  writeFileSync(new URL('baseline.json', dir), JSON.stringify(baseline, null, 2) + '\n');
}
process.stdout.write(out.join('\n') + '\n');
