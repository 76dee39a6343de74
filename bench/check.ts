// `npm run bench:check` (run by `npm test`): the benchmark check. Re-runs the quick benchmarks (a
// module's `check` export when it has one, else its default) and fails
//   - when a row misses its target (the `met` column of bench/RESULTS.md): measured twice, since
//     the machine may be busy for a moment, and failed only when both runs miss it;
//   - when a ratio to its anchor got 2× worse than the committed one in bench/baseline.json
//     (written by `npm run bench`).
// Ratios, not times: the anchor runs on the same machine in the same run, so a slower CI machine
// does not fail the check, a slower pbs-tools does.
import { readFileSync } from 'node:fs';
import { betterOf, type BaselineRow, type Bench, type BenchSection } from './harness.ts';

/** Quick enough for every test run (1–2 min together on this machine); the others run with `npm run bench`. */
const CHECKED = ['engine.bench.ts', 'startup.bench.ts', 'cli.bench.ts', 'calendar.bench.ts', 'sha256.bench.ts', 'lsp.bench.ts', 'package.bench.ts'];
const LIMIT = 2;
/**
 * Targets not met yet, with the issue open for each: reported on every run, never a failure, so
 * that `npm test` guards every target that is met. A row that meets its target here says so, to
 * be taken off this list; any other missed target fails the check.
 */
const KNOWN_MISSED = new Map([
  // (Taken off: 'server start → initialize result', ≤ 2× node -e 0, met since 2026-12-07 23:30 with
  // `pbs-language-server` run from the build's code cache: 1.87–1.91× in this bench, 1.80–1.82× side
  // by side with one core busy or not; 2.5–3.0× before, from dist/server.js.)
  // P1: ≥ 0.75× the regex splitter; 0.71× in the full run of 2026-12-08 01:46 (0.66× at 2026-12-07 23:51, 0.32× that morning).
  // The second 50k sections of a 100k file cost the lint what they cost the splitter (0.97×): the gap is start-up and V8's warm-up (README, Benchmarks).
  ['pbs-tools lint user.cfg, 50k sections (7.3 MB)', 'issue 16'],
  // the same with one core busy: 0.69× in the full run of 2026-12-08 01:46, 0.65–0.67× in bench:check
  ['pbs-tools lint user.cfg, 50k sections (7.3 MB), one core busy', 'issue 16'],
]);

const dir = new URL('.', import.meta.url);
let baseline: BaselineRow[];
try {
  baseline = JSON.parse(readFileSync(new URL('baseline.json', dir), 'utf8')) as BaselineRow[];
} catch (err) {
  process.stderr.write(`bench:check: cannot read bench/baseline.json (${(err as Error).message}); run 'npm run bench' to write it\n`);
  process.exit(2);
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

let regressions = 0;
let missed = 0;
let compared = 0;
for (const file of CHECKED) {
  const mod = (await import(new URL(file, dir).href)) as { default: Bench; check?: Bench };
  const run = mod.check ?? mod.default;
  const t0 = Date.now();
  let section: BenchSection = await run();
  const missedFirst = section.rows.filter((r) => r.met === false && !KNOWN_MISSED.has(r.name)).map((r) => r.name);
  if (missedFirst.length) {
    process.stdout.write(`bench:check: ${file}: target missed (${missedFirst.join('; ')}); measuring again\n`);
    section = await run();
  }
  process.stdout.write(`bench:check: ${file} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  for (const row of section.rows) {
    if (row.target !== undefined && row.met !== undefined && KNOWN_MISSED.has(row.name)) {
      const shown = row.ratio !== undefined ? `${row.ratio.toFixed(2)}×` : `${fmt(row.value)} ${row.unit}`;
      process.stdout.write(`bench:check: ${row.met ? 'MET ' : 'miss'} ${row.name}: ${shown}, target ${row.target} (${row.met ? 'now met: take it off KNOWN_MISSED in bench/check.ts' : `known miss, ${KNOWN_MISSED.get(row.name)}`})\n`);
    } else if (row.target !== undefined && row.met !== undefined) {
      const againMissed = row.met === false && missedFirst.includes(row.name);
      if (againMissed) missed++;
      const shown = row.ratio !== undefined ? `${row.ratio.toFixed(2)}×` : `${fmt(row.value)} ${row.unit}`;
      process.stdout.write(`bench:check: ${againMissed ? 'FAIL' : 'ok  '} ${row.name}: ${shown}, target ${row.target}${againMissed ? ' (missed in both runs)' : row.met ? '' : ' (missed once, met on the second run)'}\n`);
    }
    if (row.ratio === undefined) continue;
    if (row.regressionChecked === false) {
      // shown so that CI's log has the figure too; neither a target nor the committed ratio holds it
      if (row.target === undefined) process.stdout.write(`bench:check: info ${row.name}: ${row.ratio.toFixed(2)}× ${row.anchor?.name ?? ''}\n`);
      continue;
    }
    const base = baseline.find((b) => b.name === row.name);
    if (!base) {
      process.stdout.write(`bench:check: '${row.name}' has no committed ratio yet (run 'npm run bench')\n`);
      continue;
    }
    compared++;
    const better = betterOf(row);
    const slowdown = better === 'higher' ? base.ratio / row.ratio : row.ratio / base.ratio;
    const verdict = slowdown >= LIMIT ? 'FAIL' : 'ok';
    if (verdict === 'FAIL') regressions++;
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
if (missed > 0) process.stderr.write(`bench:check: ${missed} target(s) missed (in two runs each)\n`);
if (regressions > 0) process.stderr.write(`bench:check: ${regressions} ratio(s) regressed by ${LIMIT}× or more against bench/baseline.json\n`);
if (missed > 0 || regressions > 0) process.exit(1);
