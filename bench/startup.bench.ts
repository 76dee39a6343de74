// Language server start-up as an editor feels it: spawn of `pbs-language-server` (package.json's
// bin, dist/language-server.cjs: test/helpers/lsp.ts starts it) → initialize result over stdio, next to
// spawn → exit of `node -e 0` in the same run (the floor any Node program pays). Both run as in a
// user's environment, without NODE_EXTRA_CA_CERTS: where it is set (this machine), every Node
// start loads the CA file (~35 ms), which made the ratio look better than any user gets; that
// figure is reported beside it.
import { spawnSync } from 'node:child_process';
import { startClient } from '../test/helpers/lsp.ts';
import { median, plainEnv, type Bench, type BenchRow } from './harness.ts';

async function startupMs(env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = process.hrtime.bigint();
  const client = await startClient({ env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await client.close();
  return ms;
}

function nodeBaselineMs(env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0'], { env });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Server start and `node -e 0`, interleaved so that a busy moment of the machine hits both; medians of 15. */
async function measure(env: NodeJS.ProcessEnv): Promise<{ server: number; node: number }> {
  const server: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < 15; i++) {
    node.push(nodeBaselineMs(env));
    server.push(await startupMs(env));
  }
  return { server: median(server), node: median(node) };
}

const bench: Bench = async () => {
  const plain = await measure(plainEnv());
  const rows: BenchRow[] = [
    {
      name: 'server start → initialize result (median of 15)',
      value: plain.server,
      unit: 'ms',
      anchor: { name: 'node -e 0', value: plain.node },
      ratio: plain.server / plain.node,
      target: '≤ 2× node -e 0',
      met: plain.server / plain.node <= 2,
    },
  ];
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const withCa = await measure(process.env);
    rows.push({
      name: 'server start → initialize result, NODE_EXTRA_CA_CERTS as set here',
      value: withCa.server,
      unit: 'ms',
      anchor: { name: 'node -e 0, NODE_EXTRA_CA_CERTS as set here', value: withCa.node },
      ratio: withCa.server / withCa.node,
      regressionChecked: false,
    });
  }
  return {
    title: 'Language server start-up',
    rows,
    notes: ['Both the server and node -e 0 run without NODE_EXTRA_CA_CERTS, as in a user\'s environment; the last row, where shown, runs with the variable this machine sets.'],
  };
};
export default bench;
