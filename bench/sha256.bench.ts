// `pbs-tools sha256` of a 1 GiB file next to `openssl dgst -sha256` (and sha256sum): whole
// processes, same file in the page cache, interleaved, medians, under each load the target names:
// both cores free, everything pinned to one core (`taskset -c 0` for both), and (full run only)
// the other core kept busy by a shell loop. Wall time gives the throughput; user + system time
// (bash's `times` of the child) show whether it is bought with a second core or with copies.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchRow, BenchSection, ProcessTimes } from './harness.ts';
import { busyCpu, cliPath, hasProgram, median, plainEnv, timeProcessCpu } from './harness.ts';

const SIZE = 1 << 30;

interface Load {
  name: string;
  /** `taskset -c` for every process timed. */
  cpus?: string;
  /** A CPU kept busy meanwhile. */
  busy?: string;
  /** Whether the P4 targets apply (≥ 1.0× openssl's throughput, ≤ 1.1× its CPU time). */
  targets: boolean;
}

const LOADS: Load[] = [
  { name: 'both cores free', targets: true },
  { name: 'pinned to one core (taskset -c 0 for both)', cpus: '0', targets: true },
  { name: 'the other core busy (a shell loop on CPU 1)', busy: '1', targets: false },
];

interface Tool {
  name: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function writeFile(file: string): void {
  const block = randomBytes(1 << 20);
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < SIZE / block.length; i++) {
      block.writeUInt32LE(i, 0);
      writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
}

const gbps = (ms: number) => SIZE / 1e9 / (ms / 1000);
const cpu = (t: ProcessTimes) => t.userMs + t.sysMs;

async function measure(quick: boolean): Promise<BenchSection> {
  const runs = quick ? 3 : 5;
  const work = fileURLToPath(new URL('.work/', import.meta.url));
  const file = `${work}sha256-1GiB.bin`;
  mkdirSync(work, { recursive: true });
  const env = plainEnv();
  const tools: Tool[] = [
    { name: 'ours', cmd: process.execPath, args: [cliPath(), 'sha256', file], env },
    { name: 'openssl', cmd: 'openssl', args: ['dgst', '-sha256', file] },
    { name: 'node', cmd: process.execPath, args: ['-e', '0'], env },
  ];
  if (!quick && hasProgram('sha256sum')) tools.push({ name: 'sha256sum', cmd: 'sha256sum', args: [file] });
  if (!hasProgram('openssl')) return { title: 'SHA-256 of a 1 GiB file', rows: [], notes: ['openssl not found: no anchor, nothing measured.'] };
  const twoCores = availableParallelism() >= 2 && hasProgram('taskset');
  const loads = LOADS.filter((l) => (l.cpus === undefined && l.busy === undefined) || twoCores).filter((l) => !quick || l.busy === undefined);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  writeFile(file);
  try {
    for (const load of loads) {
      const stopBusy = load.busy !== undefined ? busyCpu(load.busy) : undefined;
      const times = new Map<string, ProcessTimes[]>(tools.map((t) => [t.name, []]));
      try {
        for (const t of tools) timeProcessCpu(t.cmd, t.args, { env: t.env, cpus: load.cpus }); // warm-up, page cache
        for (let i = 0; i < runs; i++) for (const t of tools) times.get(t.name)!.push(timeProcessCpu(t.cmd, t.args, { env: t.env, cpus: load.cpus }));
      } finally {
        stopBusy?.();
      }
      const m = (name: string, f: (t: ProcessTimes) => number) => median(times.get(name)!.map(f));
      const wall = (name: string) => m(name, (t) => t.wallMs);
      const tp = gbps(wall('ours'));
      const tpRatio = tp / gbps(wall('openssl'));
      const cpuRatio = m('ours', cpu) / m('openssl', cpu);
      rows.push(
        {
          name: `pbs-tools sha256 throughput, ${load.name}`,
          value: tp,
          unit: 'GB/s',
          anchor: { name: 'openssl dgst -sha256', value: gbps(wall('openssl')) },
          ratio: tpRatio,
          ...(load.targets ? { target: '≥ 1.0× openssl', met: tpRatio >= 1 } : {}),
        },
        {
          name: `… CPU time (user + system), ${load.name}`,
          value: m('ours', cpu),
          unit: 'ms',
          anchor: { name: 'openssl dgst -sha256', value: m('openssl', cpu) },
          ratio: cpuRatio,
          ...(load.targets ? { target: '≤ 1.1× openssl', met: cpuRatio <= 1.1 } : {}),
        },
        {
          name: `… system time, ${load.name}`,
          value: m('ours', (t) => t.sysMs),
          unit: 'ms',
          anchor: { name: 'openssl dgst -sha256', value: m('openssl', (t) => t.sysMs) },
          ratio: m('ours', (t) => t.sysMs) / m('openssl', (t) => t.sysMs),
          regressionChecked: false,
        },
        { name: `node -e 0 (start-up floor of any Node CLI), ${load.name}`, value: wall('node'), unit: 'ms' },
      );
      if (times.has('sha256sum')) {
        rows.push({ name: `sha256sum throughput, ${load.name}`, value: gbps(wall('sha256sum')), unit: 'GB/s', anchor: { name: 'openssl dgst -sha256', value: gbps(wall('openssl')) }, ratio: gbps(wall('sha256sum')) / gbps(wall('openssl')), regressionChecked: false });
      }
      // openssl is single-threaded: a wall time well above its CPU time means it waited for a core.
      const waited = wall('openssl') / m('openssl', cpu);
      notes.push(
        `${waited > 1.1 ? `**the machine was busy** (openssl's wall time ${waited.toFixed(2)}× its CPU time): ` : ''}` +
          `${load.name}: wall ${wall('ours').toFixed(0)} ms (user ${m('ours', (t) => t.userMs).toFixed(0)}, system ${m('ours', (t) => t.sysMs).toFixed(0)}) for pbs-tools, ` +
          `${wall('openssl').toFixed(0)} ms (user ${m('openssl', (t) => t.userMs).toFixed(0)}, system ${m('openssl', (t) => t.sysMs).toFixed(0)}) for openssl; node -e 0 ${wall('node').toFixed(0)} ms.`,
      );
    }
  } finally {
    rmSync(file, { force: true });
  }
  if (!twoCores) notes.push('One CPU (or no taskset): the pinned and busy-core loads were not measured.');
  return {
    title: 'SHA-256 of a 1 GiB file',
    rows,
    notes: [
      `Median of ${runs} whole-process runs each, interleaved, after one warm-up run each (file in the page cache), per load; the file is deleted afterwards. ` +
        'CPU time is the child\'s user + system time as bash\'s `times` reports it. Node runs without NODE_EXTRA_CA_CERTS (a normal environment).',
      'pbs-tools reads the file synchronously in 128 KiB blocks into one reused buffer (the block is hashed while it is still in the CPU cache) and gives the event loop a turn every 4 MiB; OpenSSL SHA-256 through node:crypto.',
      ...notes,
    ],
  };
}

const bench: Bench = () => measure(false);
/** `npm run bench:check`: ours and openssl only, 3 runs, both cores free and pinned (the targets). */
export const check: Bench = () => measure(true);
export default bench;
