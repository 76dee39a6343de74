// Runs the built CLI on hostile input and measures what it cost: wall time and the process's own
// peak RSS (reported by test/helpers/report-usage.mjs at exit). The bound for every
// hostile case: ends within 10 s and 400 MB, with a located diagnostic or a clear error.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH, type CliResult } from './cli.ts';

export const USAGE_PRELOAD = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));

/** The bounds every hostile case must stay within. */
export const HOSTILE_LIMITS = Object.freeze({ wallMs: 10_000, rssMb: 400 });

export interface MeasuredResult extends CliResult {
  /** Wall time of the whole process. */
  ms: number;
  /** Peak resident memory of the process, MB; undefined when it did not exit by itself (killed). */
  rssMb: number | undefined;
  /** Killed at the time limit. */
  timedOut: boolean;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Killed after this long (default: twice the hostile bound, so an overrun is measured, not hung). */
  killAfterMs?: number;
  /** Standard output goes to this file descriptor (e.g. /dev/full opened for writing) instead of a pipe. */
  stdoutFd?: number;
  /** Close the reading end of the stdout pipe after this many bytes, as `| head -c N` does. */
  closeStdoutAfterBytes?: number;
}

/** Runs `node <preload> <script> args…` and measures it. */
export function runMeasured(script: string, args: string[], options: MeasureOptions = {}): Promise<MeasuredResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-usage-'));
  const usageFile = join(dir, 'usage.json');
  const env = { ...(options.env ?? { ...process.env, PBS_ENCRYPTION_PASSWORD: undefined }), PBS_TEST_USAGE_FILE: usageFile };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const stdout = options.stdoutFd ?? 'pipe';
    const child = spawn(process.execPath, ['--import', USAGE_PRELOAD, script, ...args], { cwd: options.cwd, env, stdio: ['pipe', stdout, 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // Keep at most 8 MiB of each stream: a flood of output is itself a failure to be seen, not held.
    const keep = (list: Buffer[], b: Buffer) => {
      if (list.reduce((n, x) => n + x.length, 0) < 8 << 20) list.push(b);
    };
    let outBytes = 0;
    child.stdout?.on('data', (b: Buffer) => {
      keep(out, b);
      outBytes += b.length;
      if (options.closeStdoutAfterBytes !== undefined && outBytes >= options.closeStdoutAfterBytes) child.stdout?.destroy();
    });
    child.stderr!.on('data', (b: Buffer) => keep(err, b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.killAfterMs ?? HOSTILE_LIMITS.wallMs * 2);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let rssMb: number | undefined;
      try {
        rssMb = JSON.parse(readFileSync(usageFile, 'utf8')).maxRssKiB / 1024;
      } catch {
        rssMb = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms, rssMb, timedOut });
    });
    child.stdin!.on('error', () => {}); // the process may exit before reading its input
    child.stdin!.end(options.input ?? '');
  });
}

/** Runs the built CLI (dist/cli.cjs) with `args` and measures it. */
export function runCliMeasured(args: string[], options: MeasureOptions = {}): Promise<MeasuredResult> {
  return runMeasured(CLI_PATH, args, options);
}

/** A message for assert when a case broke the bounds, with what it printed (cut). */
export function describeRun(r: MeasuredResult): string {
  const cut = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);
  return `exit ${r.code}${r.timedOut ? ' (killed at the time limit)' : ''}, ${Math.round(r.ms)} ms, ${r.rssMb === undefined ? '?' : Math.round(r.rssMb)} MB\nstdout: ${cut(r.stdout)}\nstderr: ${cut(r.stderr)}`;
}

/** Asserts the hostile bounds: ended by itself within 10 s and 400 MB. */
export function withinHostileLimits(r: MeasuredResult): boolean {
  return !r.timedOut && r.ms <= HOSTILE_LIMITS.wallMs && r.rssMb !== undefined && r.rssMb <= HOSTILE_LIMITS.rssMb;
}
