// The language server as an editor feels it with big files: didChange → publishDiagnostics
// latency for a one-line edit in a 10k-section file, and resident memory with a 50k-section file
// open. Whole processes over stdio. (Start-up: startup.bench.ts.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startClient } from '../test/helpers/lsp.ts';
import { busyCpu, cliPath, nodeStartMs, percentile, type Bench, type BenchRow } from './harness.ts';
import { datastoreCfg, userCfg } from './synthetic.ts';
import { SERVER_NODE_FLAGS } from '../core/server-node-flags.ts';

/** The pause between one edit's diagnostics and the next edit: a fast typist (10 keystrokes a second). */
const TYPING_PAUSE_MS = 100;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * P2 (issue 16): the edit latency of both workloads against its targets, `edits` edits each, with
 * both cores free and again with the other core kept busy (an editor's machine at work).
 */
async function editRows(edits: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const busy of [false, true]) {
    const stop = busy ? busyCpu('1') : undefined;
    try {
      for (const load of EDIT_LOADS) {
        const { p50, p95, diagnostics, bytes } = await editLatency(load.deprecatedKeys, false, edits);
        const what = `${load.name}${busy ? ', one core busy' : ''}`;
        const first = `didChange → publishDiagnostics, one-line edit, 10k-section datastore.cfg (${(bytes / 1e6).toFixed(1)} MB), ${what}, ${diagnostics.toLocaleString('en-US')} diagnostics published: p50`;
        const checked = busy ? { regressionChecked: false } : {};
        rows.push({ name: first, value: p50, unit: 'ms', target: '≤ 15 ms', met: p50 <= 15, ...checked });
        rows.push({ name: `… ${what}: p95`, value: p95, unit: 'ms', target: '≤ 30 ms', met: p95 <= 30, ...checked });
      }
    } finally {
      stop?.();
    }
  }
  return rows;
}

/**
 * `npm run bench:check`: the edit latency only, 100 edits a workload. Its targets are times, not
 * ratios (the issue sets them at half of what an editor user notices, for slower machines); the
 * machine's `node -e 0` stands beside them to show how fast the machine was.
 */
export const check: Bench = async () => {
  const rows = await editRows(100);
  rows.push({ name: 'node -e 0 (start-up floor, this machine, just after the edits)', value: nodeStartMs(), unit: 'ms' });
  return { title: 'Language server: edit latency (check)', rows, notes: [] };
};

const bench: Bench = async () => {
  const rows: BenchRow[] = await editRows(EDITS);
  const typing = await editLatency(false, true);
  rows.push({ name: '… clean sections, typing a character into a line and erasing it (every section below moves): p50', value: typing.p50, unit: 'ms' });
  rows.push({ name: '… clean sections, typing and erasing: p95', value: typing.p95, unit: 'ms' });

  // Memory with a 50k-section user.cfg open: started as VS Code starts the server, and as the
  // other editors do (no Node flags).
  const bigText = userCfg(50_000);
  const started = [
    { how: `as VS Code starts it (${SERVER_NODE_FLAGS.join(' ')})`, nodeArgs: [...SERVER_NODE_FLAGS] },
    { how: 'started without Node flags (pbs-language-server from PATH)', nodeArgs: [] },
  ];
  const rssNotes: string[] = [];
  for (const { how, nodeArgs } of started) {
    const { rss, peak, at12, dropAt } = await serverRss(bigText, nodeArgs);
    rows.push({ name: `server RSS with a 50k-section user.cfg open (${(bigText.length / 1e6).toFixed(1)} MB), ${how}`, value: rss, unit: 'MB', target: '≤ 150 MB', met: rss <= 150 });
    rssNotes.push(`${how}: highest ${peak.toFixed(0)} MB, after 12 s ${at12.toFixed(0)} MB, ${dropAt === undefined ? 'V8 gave nothing back in the window' : `V8 gave the young generation back ${dropAt} s after the parse`}`);
  }

  rows.push(...(await workspaceDiagnostics()));

  return {
    title: 'Language server with big files',
    rows,
    notes: [
      `Latency: ${EDITS} edits at typing pace (${TYPING_PAUSE_MS} ms between an answer and the next edit), each changing one digit in a different section; measured from sending didChange to receiving publishDiagnostics for that version. Two files: clean sections, and every section also carrying keep-daily and keep-last (deprecated in datastore.cfg: 20,000 hints, of which the server publishes its default pbs.limits.maxDiagnostics of 1,000 and one closing too-many-problems). The typing rows type an x at the end of a comment and erase it with the next edit: the text changes length, so every section below the edit moves (its parse, checks, references and jobs are moved, not made again).`,
      `RSS: sampled every 0.5 s for ${RSS_SAMPLES / 2} s after the diagnostics of the open file; the table shows the last sample, what the server keeps (${rssNotes.join('; ')}). Right after a parse the young generation may have grown to two 16 MB semi-spaces of garbage, which V8 gives back when its memory reducer sees the process idle (V8's choice: at once, after ~8 s, after 30 s or later); with 4 MB semi-spaces it never grows that far (core/server-node-flags.ts).`,
      `Workspace diagnostics: ${TREES} copies of examples/etc-proxmox-backup under one workspace folder, nothing open. The first pull searches the folder, reads, parses and checks every file; the anchor is \`pbs-tools lint\` of the same ${TREES} folders (a whole process). Then ${PULLS} pulls with the result ids the client holds (what VS Code sends every 2 s): all "unchanged".`,
    ],
  };
};
const RSS_SAMPLES = 80;

/** The RSS of a server holding `text` as user.cfg, sampled for RSS_SAMPLES / 2 seconds after its diagnostics. */
async function serverRss(text: string, nodeArgs: string[]): Promise<{ rss: number; peak: number; at12: number; dropAt: number | undefined }> {
  const big = await startClient({ nodeArgs });
  const uri = pathToFileURL(join(tmpdir(), 'pbs-bench-rss', 'user.cfg')).href;
  const ready = big.nextDiagnostics(uri, () => true, 120_000);
  await big.open(uri, text, 'pbs-config');
  await ready;
  const samples: number[] = [];
  for (let i = 0; i < RSS_SAMPLES; i++) {
    samples.push(rssMb(big.process.pid!));
    await new Promise((r) => setTimeout(r, 500));
  }
  await big.close();
  const drop = samples.findIndex((m, i) => i > 0 && m < samples[i - 1] - 10);
  return { rss: samples[samples.length - 1], peak: Math.max(...samples), at12: samples[23], dropAt: drop < 0 ? undefined : drop / 2 };
}
const EDITS = 200;
/** The two workloads of the edit latency: a clean file, and one with two hints in every section. */
const EDIT_LOADS = [
  { name: 'clean sections', deprecatedKeys: false },
  { name: 'two deprecated keys in every section', deprecatedKeys: true },
];

/**
 * didChange → publishDiagnostics latency on a 10k-section datastore.cfg, at typing pace; with
 * `deprecatedKeys`, every section carries two keys that each get a `deprecated` hint. Each edit
 * replaces a digit (the text keeps its length), or with `typing` types an `x` at the end of a
 * comment and erases it with the next edit (the sections below move by one).
 */
export async function editLatency(deprecatedKeys: boolean, typing = false, edits = EDITS): Promise<{ p50: number; p95: number; diagnostics: number; bytes: number }> {
  const client = await startClient();
  const text = datastoreCfg(10_000, deprecatedKeys);
  const uri = pathToFileURL(join(tmpdir(), 'pbs-bench', 'datastore.cfg')).href;
  const opened = client.nextDiagnostics(uri, () => true, 120_000);
  await client.open(uri, text);
  const initial = await opened;
  const unexpected = initial.diagnostics.find((d) => !deprecatedKeys || (d.code !== 'deprecated' && d.code !== 'too-many-problems'));
  if (unexpected) throw new Error(`the synthetic datastore.cfg has an unexpected problem: ${JSON.stringify(unexpected)}`);
  if (deprecatedKeys && initial.diagnostics.length === 0) throw new Error('the synthetic datastore.cfg with deprecated keys got no diagnostics');
  const lines = text.split('\n');
  const comments = lines.flatMap((l, i) => (l.startsWith('\tcomment ') ? [i] : []));
  const latencies: number[] = [];
  let diagnostics = initial.diagnostics.length;
  for (let v = 2; v < 2 + edits; v++) {
    // Change the revision digit of a comment somewhere in the file (the line length holds).
    const line = comments[((typing ? v >> 1 : v) * 7919) % comments.length];
    const character = lines[line].length - 1;
    const change = !typing
      ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(1 + (v % 9)) }
      : v % 2 === 0
        ? { range: { start: { line, character: character + 1 }, end: { line, character: character + 1 } }, text: 'x' }
        : { range: { start: { line, character: character + 1 }, end: { line, character: character + 2 } }, text: '' };
    const got = client.nextDiagnostics(uri, (p) => p.version === v, 30_000);
    const t0 = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    const published = await got;
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (published.diagnostics.length !== diagnostics) throw new Error(`edit ${v} changed the number of diagnostics from ${diagnostics} to ${published.diagnostics.length}`);
    diagnostics = published.diagnostics.length;
    // Typing pace: 10 keystrokes a second. Edits sent back to back with no pause are a burst, which
    // the server coalesces (server/edit-activity.ts: diagnosed 150 ms after the burst's last change;
    // the hostile suite measures that case).
    await new Promise((r) => setTimeout(r, TYPING_PAUSE_MS));
  }
  await client.close();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), diagnostics, bytes: text.length };
}
const TREES = 20;
const PULLS = 50;

/** The first workspace/diagnostic pull of a workspace of TREES configuration trees, and the pulls after it. */
async function workspaceDiagnostics(): Promise<BenchRow[]> {
  const ws = mkdtempSync(join(tmpdir(), 'pbs-bench-ws-'));
  const trees: string[] = [];
  for (let i = 0; i < TREES; i++) {
    const tree = join(ws, `site${i}`, 'etc', 'proxmox-backup');
    cpSync(new URL('../examples/etc-proxmox-backup/', import.meta.url), tree, { recursive: true });
    trees.push(tree);
  }
  try {
    const client = await startClient({ pull: true, workspaceFolders: [ws] });
    type Item = { uri: string; kind: string; resultId?: string; items?: unknown[] };
    const pull = async (previousResultIds: { uri: string; value: string }[]) =>
      ((await client.connection.sendRequest('workspace/diagnostic', { identifier: 'pbs', previousResultIds })) as { items: Item[] }).items;
    const t0 = process.hrtime.bigint();
    const first = await pull([]);
    const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const held = first.map((r) => ({ uri: r.uri, value: r.resultId ?? '' }));
    const latencies: number[] = [];
    for (let i = 0; i < PULLS; i++) {
      const t = process.hrtime.bigint();
      const answer = await pull(held);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (answer.some((r) => r.kind !== 'unchanged')) throw new Error('nothing changed, yet the workspace pull re-sent a file');
    }
    await client.close();
    const problems = first.reduce((n, r) => n + (r.items?.length ?? 0), 0);
    if (problems > 0) throw new Error(`the example tree is meant to be clean, got ${problems} problems`);

    const lintTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      const lint = spawnSync(process.execPath, [cliPath(), 'lint', ...trees], { encoding: 'utf8' });
      lintTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (lint.status !== 0) throw new Error(`pbs-tools lint of the example trees failed: ${lint.stdout}${lint.stderr}`);
    }
    const lintMs = percentile(lintTimes, 50);
    return [
      {
        name: `workspace/diagnostic, first pull: ${first.length} files in ${TREES} trees (search, read, parse, check)`,
        value: firstMs,
        unit: 'ms',
        anchor: { name: `pbs-tools lint of the same ${TREES} folders (whole process, median of 5)`, value: lintMs },
        ratio: firstMs / lintMs,
      },
      { name: `workspace/diagnostic, nothing changed (${first.length} × "unchanged"): p50`, value: percentile(latencies, 50), unit: 'ms' },
    ];
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

export default bench;
