// Language server start-up as an editor feels it: spawn → initialize result over stdio, next to
// spawn → exit of `node -e 0` in the same run (the floor any Node program pays).
import { spawnSync } from 'node:child_process';
import { startClient } from '../test/helpers/lsp.ts';
import { median, type Bench } from './harness.ts';

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

const bench: Bench = async () => {
  const ours: number[] = [];
  const node: number[] = [];
  // interleaved, so that a busy moment of the machine hits both
  for (let i = 0; i < 15; i++) {
    node.push(nodeBaselineMs());
    ours.push(await startupMs());
  }
  const s = median(ours);
  const n = median(node);
  return {
    title: 'Language server start-up',
    rows: [{ name: 'server start → initialize result (median of 15)', value: s, unit: 'ms', anchor: { name: 'node -e 0', value: n }, ratio: s / n, target: '≤ 2× node -e 0', met: s / n <= 2 }],
  };
};
export default bench;
