// `pbs-tools key test` (scrypt n=65536 r=8 p=1, PBS's defaults) next to `openssl kdf … SCRYPT` with
// the same parameters: whole processes, interleaved, median of 11 after a warm-up. Both run
// OpenSSL's scrypt, so the difference is start-up: the key path must not load the parser.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKeyConfig, serializeKeyConfig } from '../core/crypto/key-config.ts';
import type { Bench, BenchRow } from './harness.ts';
import { cliPath, hasProgram, median, timeProcess } from './harness.ts';
import { commandModules } from '../scripts/cli-bundle-modules.ts';

const RUNS = 11;
const PASS = 'benchmark passphrase';

/** The modules `key` evaluates in the CLI's bundle, and the size of its code cache. */
function keyModules(cli: string): { sources: string[]; cacheBytes: number } {
  const dist = dirname(cli);
  const cache = join(dist, 'cli', 'key.v8cache');
  return {
    sources: commandModules(readFileSync(join(dist, 'cli', 'key.cjs'), 'utf8'), 'key'),
    cacheBytes: existsSync(cache) ? statSync(cache).size : 0,
  };
}

const bench: Bench = async () => {
  const work = fileURLToPath(new URL('.work/', import.meta.url));
  const cli = cliPath();
  mkdirSync(work, { recursive: true });
  const { config } = await createKeyConfig({ passphrase: PASS });
  const keyFile = `${work}bench-key.json`;
  const passFile = `${work}bench-pass`;
  writeFileSync(keyFile, serializeKeyConfig(config));
  writeFileSync(passFile, PASS + '\n');
  const salt = config.kdf!.salt.toString('hex');
  const plainEnv = { ...process.env };
  delete plainEnv.NODE_EXTRA_CA_CERTS;
  const tools: { name: string; cmd: string; args: string[]; env?: NodeJS.ProcessEnv }[] = [
    { name: 'ours', cmd: process.execPath, args: [cli, 'key', 'test', keyFile, '--passphrase-file', passFile], env: plainEnv },
    {
      name: 'openssl',
      cmd: 'openssl',
      args: ['kdf', '-keylen', '32', '-kdfopt', `pass:${PASS}`, '-kdfopt', `hexsalt:${salt}`, '-kdfopt', 'n:65536', '-kdfopt', 'r:8', '-kdfopt', 'p:1', 'SCRYPT'],
    },
    { name: 'node', cmd: process.execPath, args: ['-e', '0'], env: plainEnv },
  ];
  if (process.env.NODE_EXTRA_CA_CERTS) tools.push({ name: 'ours+ca', cmd: process.execPath, args: tools[0].args });
  const times = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  const rows: BenchRow[] = [];
  try {
    if (!hasProgram('openssl')) throw new Error('openssl not installed: no anchor');
    for (const t of tools) timeProcess(t.cmd, t.args, { env: t.env });
    for (let i = 0; i < RUNS; i++) for (const t of tools) times.get(t.name)!.push(timeProcess(t.cmd, t.args, { env: t.env }));
    const m = (n: string) => median(times.get(n)!);
    const anchor = { name: 'openssl kdf -keylen 32 … n:65536 r:8 p:1 SCRYPT', value: m('openssl') };
    rows.push({ name: 'pbs-tools key test (scrypt, PBS defaults)', value: m('ours'), unit: 'ms', anchor, ratio: m('ours') / m('openssl'), target: '≤ 1.1×', met: m('ours') / m('openssl') <= 1.1 });
    rows.push({ name: 'node -e 0 (start-up floor of any Node CLI)', value: m('node'), unit: 'ms', anchor, ratio: m('node') / m('openssl') });
    if (times.has('ours+ca')) rows.push({ name: 'pbs-tools key test, NODE_EXTRA_CA_CERTS as set here', value: m('ours+ca'), unit: 'ms', anchor, ratio: m('ours+ca') / m('openssl') });
  } finally {
    rmSync(keyFile, { force: true });
    rmSync(passFile, { force: true });
  }
  const key = keyModules(cli);
  const parserLoaded = key.sources.filter((s) => /^(grammar|schema|service)\/|chevrotain|ajv/.test(s));
  return {
    title: 'Key test start-up and scrypt',
    rows,
    notes: [
      `Median of ${RUNS} whole-process runs each, interleaved, after one warm-up each. Same salt, passphrase and parameters; both use OpenSSL's scrypt (node:crypto is OpenSSL).`,
      `\`key\` evaluates ${key.sources.length} modules of the CLI's bundle (its bundle; code cache ${(key.cacheBytes / 1024).toFixed(0)} KiB): ${key.sources.join(', ')}; ` +
        (parserLoaded.length ? `**parser modules loaded: ${parserLoaded.join(', ')}**` : 'no grammar/, schema/ or service/ module, no chevrotain or ajv.'),
      'The target row runs Node without NODE_EXTRA_CA_CERTS (a normal environment); this machine sets it, which adds ~60 ms of CA loading to every Node start.',
    ],
  };
};
export default bench;
