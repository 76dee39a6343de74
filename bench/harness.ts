// Shared pieces of the benchmarks. Each bench/*.bench.ts default-exports a function returning a
// BenchSection; bench/run.ts runs them all (or those named on the command line) and writes
// bench/RESULTS.md. A figure is always shown next to its anchor measured in the same run.
import { spawnSync } from 'node:child_process';

export interface BenchRow {
  /** What was measured, e.g. "parse+validate user.cfg (50k sections)". */
  name: string;
  /** The figure, already in the unit given. */
  value: number;
  unit: string;
  /** The anchor measured in the same run (e.g. "openssl dgst -sha256"), and its figure. */
  anchor?: { name: string; value: number };
  /** ours/anchor in the direction that makes ≤ 1 good for times and ≥ 1 good for throughputs. */
  ratio?: number;
  /** Which way the ratio improves; by default 'higher' for rates (unit ending in /s), else 'lower'. */
  better?: 'higher' | 'lower';
  /** The target as text ("≥ 0.5× floor"), and whether it was met. */
  target?: string;
  met?: boolean;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

export type Bench = () => Promise<BenchSection>;

/** Which way a row's ratio improves. */
export function betterOf(row: BenchRow): 'higher' | 'lower' {
  return row.better ?? (row.unit.endsWith('/s') ? 'higher' : 'lower');
}

/** One row of bench/baseline.json: the committed ratio the regression check compares against. */
export interface BaselineRow {
  section: string;
  name: string;
  ratio: number;
  better: 'higher' | 'lower';
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/** Wall time of one whole process run, in milliseconds; throws if it fails. */
export function timeProcess(cmd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input: options.input, env: options.env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

/** True when a program is on PATH (benchmarks skip an anchor that is missing and say so). */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The block of bench/RESULTS.md that `npm run fuzz` (test/fuzz/run.ts) writes and `npm run bench` keeps. */
export const FUZZ_BLOCK = /<!-- fuzz:begin[\s\S]*?<!-- fuzz:end -->/;

/** The .vsix size budget: bench/package.bench.ts reports against it, test/package/vsix.test.ts holds every build to it. */
export const VSIX_BUDGET_MIB = 2.5;
