// The language server as an editor feels it with big files: didChange → publishDiagnostics
// latency for a one-line edit in a 10k-section file, and resident memory with a 50k-section file
// open. Whole processes over stdio. (Start-up: startup.bench.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startClient } from '../test/helpers/lsp.ts';
import { percentile, type Bench, type BenchRow } from './harness.ts';
import { datastoreCfg, userCfg } from './synthetic.ts';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const bench: Bench = async () => {
  const rows: BenchRow[] = [];

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
    title: 'Language server with big files',
    rows,
    notes: [
      'Latency: 200 edits, each changing one keep-last digit in a different section; measured from sending didChange to receiving publishDiagnostics for that version.',
    ],
  };
};
export default bench;
