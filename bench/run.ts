// `npm run bench`: runs every bench/*.bench.ts (or those whose names are given) and writes
// bench/RESULTS.md with one table per section.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { betterOf, FUZZ_BLOCK, type BaselineRow, type BenchSection } from './harness.ts';

const dir = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const sections: BenchSection[] = [];
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const mod = (await import(new URL(f, dir).href)) as { default: () => Promise<BenchSection> };
  sections.push(await mod.default());
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
  // The fuzzing figures come from `npm run fuzz` (test/fuzz/run.ts): keep them.
  const fuzz = existsSync(target) ? FUZZ_BLOCK.exec(readFileSync(target, 'utf8'))?.[0] : undefined;
  if (fuzz) out.push(fuzz, '');
  writeFileSync(target, out.join('\n'));
  // The ratios the regression check (bench/check.ts, part of npm test) holds later runs to.
  const baseline: BaselineRow[] = sections.flatMap((s) =>
    s.rows.filter((r) => r.ratio !== undefined && Number.isFinite(r.ratio)).map((r) => ({ section: s.title, name: r.name, ratio: Number(r.ratio!.toFixed(3)), better: betterOf(r) })),
  );
  writeFileSync(new URL('baseline.json', dir), JSON.stringify(baseline, null, 2) + '\n');
}
process.stdout.write(out.join('\n') + '\n');
