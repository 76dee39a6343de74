// Shared pieces of the benchmarks. Each bench/*.bench.ts default-exports a function returning a
// BenchSection; bench/run.ts runs them all (or those named on the command line) and writes
// bench/RESULTS.md. A figure is always shown next to its anchor measured in the same run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  /** false: the ratio is shown but not held to its committed value (too small a figure to compare run to run). */
  regressionChecked?: boolean;
  /** The target as text ("≥ 0.5× floor"), and whether it was met (bench/check.ts fails a missed one). */
  target?: string;
  met?: boolean;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

export type Bench = () => Promise<BenchSection>;

/** The built CLI the whole-process benchmarks run: dist/cli.cjs, or PBS_TOOLS_CLI (another build, e.g. kept apart from a busy tree). */
export function cliPath(): string {
  return process.env.PBS_TOOLS_CLI ?? fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
}

/** The environment of a user's shell: without NODE_EXTRA_CA_CERTS (this machine sets it; it costs every Node start a CA bundle). */
export function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

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

/** A Node program run as a whole process: its name in the results and its arguments. */
export interface Tool {
  name: string;
  args: string[];
}

/** The machine's `node -e 0` (the start-up floor of any Node program), median of 11, in ms. */
export function nodeStartMs(): number {
  const env = plainEnv();
  return median(Array.from({ length: 11 }, () => timeProcess(process.execPath, ['-e', '0'], { env })));
}

/** Wall times of each tool, `runs` rounds interleaved after one warm-up each. */
export function interleaved(tools: Tool[], runs: number): Map<string, number[]> {
  const env = plainEnv();
  const times = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  for (const t of tools) timeProcess(process.execPath, t.args, { env });
  for (let i = 0; i < runs; i++) for (const t of tools) times.get(t.name)!.push(timeProcess(process.execPath, t.args, { env }));
  return times;
}

/** Wall, user and system time of one whole process run, in milliseconds. */
export interface ProcessTimes {
  wallMs: number;
  userMs: number;
  sysMs: number;
}

/**
 * Times one whole process run with its CPU time: bash runs it and reports its children's user and
 * system time (`times`) and the wall time around it ($EPOCHREALTIME). `cpus` pins the process to
 * those CPUs (`taskset -c`). Throws if it fails.
 */
export function timeProcessCpu(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cpus?: string } = {}): ProcessTimes {
  const argv = options.cpus !== undefined ? ['taskset', '-c', options.cpus, cmd, ...args] : [cmd, ...args];
  const script = 's=$EPOCHREALTIME; "$@" >/dev/null || exit $?; e=$EPOCHREALTIME; times; echo "$s $e"';
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', script, 'bash', ...argv], { env: { ...(options.env ?? process.env), LC_ALL: 'C' }, encoding: 'utf8' });
  const outerMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr?.slice(0, 500)}`);
  const lines = r.stdout.trim().split('\n');
  // `times`: the shell's own user/system time, then its children's: "0m0.540s 0m0.071s"
  const seconds = (t: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    if (!m) throw new Error(`cannot read times output '${r.stdout}'`);
    return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  };
  const [user, sys] = lines[lines.length - 2].split(' ').map(seconds);
  const [start, end] = lines[lines.length - 1].split(' ').map(Number);
  const wallMs = Number.isFinite(start) && Number.isFinite(end) && end > start ? (end - start) * 1000 : outerMs;
  return { wallMs, userMs: user, sysMs: sys };
}

/** Keeps CPU `cpu` busy with a shell loop until the returned function is called (a loaded machine). */
export function busyCpu(cpu: string): () => void {
  // The loop checks every ~100k rounds that this process is still there: a benchmark killed
  // before it could stop the loop must not leave a core busy (one did, for 12 minutes).
  const loop = `while kill -0 ${process.pid} 2>/dev/null; do i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; done`;
  const child: ChildProcess = spawn('taskset', ['-c', cpu, 'sh', '-c', loop], { stdio: 'ignore' });
  return () => {
    child.kill('SIGKILL');
  };
}

/** True when a program is on PATH (benchmarks skip an anchor that is missing and say so). */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The block of bench/RESULTS.md that `npm run fuzz` (test/fuzz/run.ts) writes and `npm run bench` keeps. */
export const FUZZ_BLOCK = /<!-- fuzz:begin[\s\S]*?<!-- fuzz:end -->/;

/** Every block of bench/RESULTS.md another tool writes (`<!-- NAME:begin … NAME:end -->`: fuzz, conformance); `npm run bench` keeps them. */
export const KEPT_BLOCKS = /<!-- ([\w-]+):begin[\s\S]*?<!-- \1:end -->/g;

/** The .vsix size budget: bench/package.bench.ts reports against it, test/package/vsix.test.ts holds every build to it. */
export const VSIX_BUDGET_MIB = 2.5;
