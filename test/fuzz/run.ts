// `npm run fuzz [-- --cases N] [-- --seed S]`: the fuzz properties of test/fuzz at length (default
// 100k cases in all, shared by weight), then the figures into bench/RESULTS.md (between the fuzz
// markers; `npm run bench` keeps that block). Exits 1 with the shrunk counterexample on a failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ENGINE_PROPERTIES, PARSE_STATS } from './engine-properties.ts';
import { GRAMMAR_PROPERTIES } from './grammar-properties.ts';
import { HOSTILE_PROPERTIES } from './hostile-properties.ts';
import { FUZZ_BLOCK } from '../../bench/harness.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} needs an integer, got '${process.argv[i + 1]}'`);
  return n;
}

const total = option('--cases', 100_000);
const seed = option('--seed', Date.now() % 2 ** 31);
const all = [...ENGINE_PROPERTIES, ...GRAMMAR_PROPERTIES, ...HOSTILE_PROPERTIES];
const weights = all.reduce((s, p) => s + p.weight, 0);
const rows: string[] = [];
let cases = 0;
let failed = false;
const t0 = performance.now();
for (const p of all) {
  const n = Math.max(1, Math.round((total * p.weight) / weights));
  process.stderr.write(`fuzz: ${p.name} (${n} cases)\n`);
  const start = performance.now();
  let verdict = 'held';
  try {
    p.run(n, seed);
  } catch (err) {
    failed = true;
    verdict = '**failed**';
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  }
  const s = (performance.now() - start) / 1000;
  cases += n;
  rows.push(`| ${p.name} | ${n} | ${s.toFixed(1)} s | ${Math.round(n / s)} | ${verdict} |`);
}
const seconds = (performance.now() - t0) / 1000;
const block = [
  '<!-- fuzz:begin (written by npm run fuzz) -->',
  '## Fuzzing (fast-check)',
  '',
  `${cases} cases in ${seconds.toFixed(0)} s, seed ${seed}, on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}). ` +
    'Inputs: every example file with up to 8 mutations (lines inserted, deleted, duplicated, swapped, re-indented; truncation; CR, NUL, BOM, lone surrogates, 5000-character lines, unterminated quotes), files grown to 100 KB, random value text, and hostile classes (floods of up to 10k separators, JSON nesting up to 5000 levels, ESC/BEL/C1 bytes, lines of up to 100k characters).',
  '',
  '| property | cases | time | cases/s | result |',
  '|---|---|---|---|---|',
  ...rows,
  '',
  `- Slowest fresh parse + validation under the 100 ms budget: ${PARSE_STATS.slowestMs.toFixed(1)} ms (${(PARSE_STATS.slowestBytes / 1024).toFixed(0)} KB of ${PARSE_STATS.slowestKind}).`,
  '- `npm test` runs the same properties with 150 cases per weight unit.',
  '<!-- fuzz:end -->',
].join('\n');
process.stdout.write(`${block}\n`);
const target = new URL('../../bench/RESULTS.md', import.meta.url);
const current = readFileSync(target, 'utf8');
writeFileSync(target, FUZZ_BLOCK.test(current) ? current.replace(FUZZ_BLOCK, block) : `${current.trimEnd()}\n\n${block}\n`);
process.exit(failed ? 1 : 0);
