// `pbs-tools sha256` of a 1 GiB file next to `openssl dgst -sha256` and `sha256sum`: whole
// processes, same file, same run, interleaved, median of 5 after a warm-up that fills the page cache.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchRow } from './harness.ts';
import { hasProgram, median, timeProcess } from './harness.ts';

const SIZE = 1 << 30;
const RUNS = 5;

const bench: Bench = async () => {
  const work = fileURLToPath(new URL('.work/', import.meta.url));
  // PBS_TOOLS_CLI: time another build of the CLI than dist/ (e.g. one kept apart from a busy tree).
  const cli = process.env.PBS_TOOLS_CLI ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const file = `${work}sha256-1GiB.bin`;
  mkdirSync(work, { recursive: true });
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
  // A user's environment: this machine sets NODE_EXTRA_CA_CERTS (for its registry proxy), which
  // makes every Node start load a CA bundle; we time both, the target on the plain one.
  const plainEnv = { ...process.env };
  delete plainEnv.NODE_EXTRA_CA_CERTS;
  const tools: { name: string; cmd: string; args: string[]; env?: NodeJS.ProcessEnv }[] = [
    { name: 'pbs-tools sha256', cmd: process.execPath, args: [cli, 'sha256', file], env: plainEnv },
    { name: 'openssl dgst -sha256', cmd: 'openssl', args: ['dgst', '-sha256', file] },
    { name: 'sha256sum', cmd: 'sha256sum', args: [file] },
  ];
  if (process.env.NODE_EXTRA_CA_CERTS) tools.push({ name: 'pbs-tools sha256 (NODE_EXTRA_CA_CERTS set)', cmd: process.execPath, args: [cli, 'sha256', file] });
  const present = tools.filter((t) => t.cmd === process.execPath || hasProgram(t.cmd));
  const times = new Map<string, number[]>(present.map((t) => [t.name, []]));
  try {
    for (const t of present) timeProcess(t.cmd, t.args, { env: t.env }); // warm-up, page cache
    for (let i = 0; i < RUNS; i++) for (const t of present) times.get(t.name)!.push(timeProcess(t.cmd, t.args, { env: t.env }));
  } finally {
    rmSync(file, { force: true });
  }
  const gbps = (name: string) => (times.has(name) ? SIZE / 1e9 / (median(times.get(name)!) / 1000) : NaN);
  const ours = gbps('pbs-tools sha256');
  const rows: BenchRow[] = [];
  for (const anchor of ['openssl dgst -sha256', 'sha256sum']) {
    if (!times.has(anchor)) continue;
    const ratio = ours / gbps(anchor);
    const isTarget = anchor === 'openssl dgst -sha256';
    rows.push({
      name: `pbs-tools sha256, 1 GiB file (whole process)`,
      value: ours,
      unit: 'GB/s',
      anchor: { name: anchor, value: gbps(anchor) },
      ratio,
      ...(isTarget ? { target: '≥ 1.0× openssl', met: ratio >= 1 } : {}),
    });
  }
  if (times.has('pbs-tools sha256 (NODE_EXTRA_CA_CERTS set)')) {
    const v = gbps('pbs-tools sha256 (NODE_EXTRA_CA_CERTS set)');
    rows.push({ name: 'same, with NODE_EXTRA_CA_CERTS as set on this machine', value: v, unit: 'GB/s', anchor: { name: 'openssl dgst -sha256', value: gbps('openssl dgst -sha256') }, ratio: v / gbps('openssl dgst -sha256') });
  }
  return {
    title: 'SHA-256 of a 1 GiB file',
    rows,
    notes: [
      `Median of ${RUNS} whole-process runs each, interleaved, after one warm-up run each (file in the page cache); the file is deleted afterwards.`,
      'pbs-tools reads 4 MiB blocks into two reused buffers and hashes one while the next read runs on the thread pool (OpenSSL SHA-256 through node:crypto in both).',
      'The target row runs Node without NODE_EXTRA_CA_CERTS (a normal environment); this machine sets it, which costs every Node start ~60 ms of CA loading.',
    ],
  };
};
export default bench;
