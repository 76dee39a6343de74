// The built CLI checks with the validators precompiled at build time (scripts/build.mjs): its
// bundles carry none of ajv's compiler, and its findings are the ones the sources give when run
// directly (tsx, validators compiled by ajv at run time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLI_PATH, runCli } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('no bundle carries ajv beyond its run-time helpers', () => {
  const dist = new URL('../../dist/', import.meta.url);
  const files = [...readdirSync(new URL('cli/', dist)).filter((f) => f.endsWith('.cjs')).map((f) => `cli/${f}`), 'server.js', 'toolbox.js', ...readdirSync(new URL('chunks/', dist)).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`)];
  const modules = new Set(files.flatMap((f) => [...readFileSync(new URL(f, dist), 'utf8').matchAll(/^\/\/ (node_modules\/ajv\/\S+)$/gm)].map((m) => m[1])));
  assert.ok(modules.size > 0, 'no ajv module at all: were the bundles built without comments?');
  assert.deepEqual([...modules].filter((m) => !m.startsWith('node_modules/ajv/dist/runtime/')), []);
});

test('the built CLI finds in the broken examples exactly what the sources find', async () => {
  const args = ['lint', '--format', 'json', 'examples/broken', 'examples/etc-proxmox-backup'];
  const built = await runCli(args, { cwd: ROOT });
  const sources = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(built.code, 1, `${CLI_PATH}: ${built.stderr}`);
  assert.equal(sources.status, 1, sources.stderr);
  const findings = JSON.parse(built.stdout) as unknown[];
  assert.ok(findings.length > 20, `${findings.length} findings`);
  assert.deepEqual(findings, JSON.parse(sources.stdout));
});
