// `npm run bench:check` (run by `npm test`): the benchmark regression check. Re-runs the quick
// benchmarks and fails when a ratio to its anchor got 2× worse than the committed one in
// bench/baseline.json (written by `npm run bench`). Ratios, not times: the anchor runs on the same
// machine in the same run, so a slower CI machine does not fail the check, a slower pbs-tools does.
import { readFileSync } from 'node:fs';
import { betterOf, type BaselineRow, type BenchSection } from './harness.ts';

/** Quick enough for every test run (~30 s together); the others run with `npm run bench`. */
const CHECKED = ['engine.bench.ts', 'startup.bench.ts', 'package.bench.ts'];
const LIMIT = 2;

const dir = new URL('.', import.meta.url);
let baseline: BaselineRow[];
try {
  baseline = JSON.parse(readFileSync(new URL('baseline.json', dir), 'utf8')) as BaselineRow[];
} catch (err) {
  process.stderr.write(`bench:check: cannot read bench/baseline.json (${(err as Error).message}); run 'npm run bench' to write it\n`);
  process.exit(2);
}

let failed = 0;
let compared = 0;
for (const file of CHECKED) {
  const mod = (await import(new URL(file, dir).href)) as { default: () => Promise<BenchSection> };
  const section = await mod.default();
  for (const row of section.rows) {
    if (row.ratio === undefined) continue;
    const base = baseline.find((b) => b.name === row.name);
    if (!base) {
      process.stdout.write(`bench:check: '${row.name}' has no committed ratio yet (run 'npm run bench')\n`);
      continue;
    }
    compared++;
    const better = betterOf(row);
    const slowdown = better === 'higher' ? base.ratio / row.ratio : row.ratio / base.ratio;
    const verdict = slowdown >= LIMIT ? 'FAIL' : 'ok';
    if (verdict === 'FAIL') failed++;
    process.stdout.write(
      `bench:check: ${verdict.padEnd(4)} ${row.name}: ratio ${row.ratio.toFixed(2)}× (committed ${base.ratio.toFixed(2)}×, ` +
        `${better} is better) → ${slowdown >= 1 ? `${slowdown.toFixed(2)}× worse` : `${(1 / slowdown).toFixed(2)}× better`} than committed\n`,
    );
  }
}
if (compared === 0) {
  process.stderr.write('bench:check: nothing compared: bench/baseline.json names none of the rows measured\n');
  process.exit(1);
}
if (failed > 0) {
  process.stderr.write(`bench:check: ${failed} ratio(s) regressed by ${LIMIT}× or more against bench/baseline.json\n`);
  process.exit(1);
}
