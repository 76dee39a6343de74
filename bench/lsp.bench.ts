// The language server as an editor feels it: start-up to the initialize result (next to
// `node -e 0`), didChange → publishDiagnostics latency for a one-line edit in a 10k-section file,
// and resident memory with a 50k-section file open. Whole processes over stdio.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startClient } from '../test/helpers/lsp.ts';
import { median, percentile, type Bench, type BenchRow } from './harness.ts';
import { datastoreCfg, userCfg } from './synthetic.ts';

async function startupMs(): Promise<number> {
  const t0 = process.hrtime.bigint();
  const client = await startClient();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await client.close();
  return ms;
}

function nodeBaselineMs(): number {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const bench: Bench = async () => {
  const rows: BenchRow[] = [];

  // Start-up.
  const ours: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < 15; i++) {
    node.push(nodeBaselineMs());
    ours.push(await startupMs());
  }
  const s = median(ours);
  const n = median(node);
  rows.push({ name: 'server start → initialize result (median of 15)', value: s, unit: 'ms', anchor: { name: 'node -e 0', value: n }, ratio: s / n, target: '≤ 2× node -e 0', met: s / n <= 2 });

  // Edit latency on a 10k-section datastore.cfg.
  const client = await startClient();
  const text = datastoreCfg(10_000);
  const uri = pathToFileURL(join(tmpdir(), 'pbs-bench', 'datastore.cfg')).href;
  const opened = client.nextDiagnostics(uri, () => true, 120_000);
  await client.open(uri, text);
  const initial = await opened;
  if (initial.diagnostics.length > 0) throw new Error(`the synthetic datastore.cfg is meant to be clean: ${JSON.stringify(initial.diagnostics[0])}`);
  const lines = text.split('\n');
  const latencies: number[] = [];
  for (let v = 2; v < 2 + 200; v++) {
    // Change the revision digit of a comment somewhere in the file (the line length holds).
    const section = (v * 7919) % 10_000;
    const line = lines.findIndex((l, i) => i >= section * 8 && l.startsWith('\tcomment '));
    const character = lines[line].length - 1;
    const got = client.nextDiagnostics(uri, (p) => p.version === v, 30_000);
    const t0 = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(1 + (v % 9)) }],
    });
    await got;
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await client.close();
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  rows.push({ name: `didChange → publishDiagnostics, one-line edit, 10k-section datastore.cfg (${(text.length / 1e6).toFixed(1)} MB): p50`, value: p50, unit: 'ms', target: '≤ 30 ms', met: p50 <= 30 });
  rows.push({ name: '… p95', value: p95, unit: 'ms' });

  // Memory with a 50k-section user.cfg open.
  const big = await startClient();
  const bigUri = pathToFileURL(join(tmpdir(), 'pbs-bench-rss', 'user.cfg')).href;
  const ready = big.nextDiagnostics(bigUri, () => true, 120_000);
  const bigText = userCfg(50_000);
  await big.open(bigUri, bigText, 'pbs-config');
  await ready;
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssMb(big.process.pid!);
  await big.close();
  rows.push({ name: `server RSS with a 50k-section user.cfg open (${(bigText.length / 1e6).toFixed(1)} MB)`, value: rss, unit: 'MB', target: '≤ 150 MB', met: rss <= 150 });

  return {
    title: 'Language server',
    rows,
    notes: [
      'Start-up is spawn → initialize result over stdio, against spawn → exit of `node -e 0`.',
      'Latency: 200 edits, each changing one keep-last digit in a different section; measured from sending didChange to receiving publishDiagnostics for that version.',
    ],
  };
};
export default bench;
