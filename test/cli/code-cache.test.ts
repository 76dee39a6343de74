// dist/cli.cjs (cli/launch.ts) runs the command's bundle (dist/cli/<command>.cjs) from V8's code
// cache, and dist/language-server.cjs (server/launch.ts, the `pbs-language-server` bin) the
// server's bundle (dist/language-server/server.cjs), both made by the build (core/code-cache.ts).
// A cache that is missing, damaged, not a file, made for another bundle or by another Node must
// never change what a command or the server does: V8 then compiles as usual. Each spoiling case
// runs on a copy of dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from '../helpers/cli.ts';
import { SERVER_PATH, startClient } from '../helpers/lsp.ts';
import { COMMANDS } from '../../cli/commands.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');

function run(cli: string, args: string[], nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, cli, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of dist/ to spoil; removed at the end of the test. */
function distCopy(t: { after: (fn: () => void) => void }): { cli: string; file: (name: string) => string; server: string; serverFile: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-code-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(DIST, join(dir, 'dist'), { recursive: true });
  return {
    cli: join(dir, 'dist', 'cli.cjs'),
    file: (name) => join(dir, 'dist', 'cli', name),
    server: join(dir, 'dist', 'language-server.cjs'),
    serverFile: (name) => join(dir, 'dist', 'language-server', name),
  };
}

/** Ways to spoil the cache file `cache` (`foreign`: another bundle's good cache), with the state the launcher then reports. */
function spoilings(cache: string, foreign: string): [string, () => void, string][] {
  const good = readFileSync(cache);
  const damaged = Buffer.from(good);
  for (let i = 64; i < damaged.length; i += 97) damaged[i] ^= 0x5a;
  return [
    // V8 itself would crash on the first three (it checks no checksum): the launcher's header stops them.
    ['damaged', () => writeFileSync(cache, damaged), 'damaged or made from another bundle, ignored'],
    ['truncated', () => writeFileSync(cache, good.subarray(0, good.length >> 1)), 'damaged or made from another bundle, ignored'],
    ['random bytes', () => writeFileSync(cache, Buffer.alloc(4096, 7)), 'damaged or made from another bundle, ignored'],
    ['made for another bundle', () => writeFileSync(cache, readFileSync(foreign)), 'damaged or made from another bundle, ignored'],
    ['empty', () => writeFileSync(cache, ''), 'none'],
    ['missing', () => {}, 'none'],
    ['a directory', () => mkdirSync(cache), 'none'],
    ['a FIFO nobody writes to', () => execFileSync('mkfifo', [cache]), 'none'],
  ];
}

test('the build made a bundle and a code cache for every command, and this Node uses them', () => {
  for (const name of ['main', ...Object.keys(COMMANDS)]) {
    for (const ext of ['cjs', 'v8cache']) assert.ok(statSync(join(DIST, 'cli', `${name}.${ext}`)).size > 0, `${name}.${ext}`);
  }
  const r = run(CLI_PATH, ['--verbose', 'lint', 'examples/etc-proxmox-backup']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^pbs-tools: code cache \S+\/lint\.v8cache: used$/m);
  assert.match(r.stderr, /0 errors, 0 warnings, 0 info\/hints in 20 files/);
  const help = run(CLI_PATH, ['--verbose', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stderr, /code cache \S+\/main\.v8cache: used/);
  assert.match(help.stdout, /^usage: pbs-tools <command>/);
});

test('a damaged, truncated, foreign, missing or directory cache changes nothing but the speed', (t) => {
  const copy = distCopy(t);
  const expected = run(CLI_PATH, ['lint', '--format', 'json', 'examples/broken']);
  assert.equal(expected.code, 1, expected.stderr);
  const cache = copy.file('lint.v8cache');
  const cases = spoilings(cache, copy.file('prune.v8cache'));
  for (const [name, spoil, state] of cases) {
    rmSync(cache, { recursive: true, force: true });
    spoil();
    const r = run(copy.cli, ['--verbose', 'lint', '--format', 'json', 'examples/broken']);
    assert.equal(r.code, 1, `${name}: ${r.stderr}`);
    assert.equal(r.stdout, expected.stdout, name);
    assert.ok(r.stderr.includes(`code cache ${cache}: ${state}\n`), `${name}: ${r.stderr}`);
  }
});

test('other V8 flags make V8 reject the cache; the command still does the same', () => {
  const plain = run(CLI_PATH, ['lint', '--format', 'json', 'examples/broken']);
  const r = run(CLI_PATH, ['--verbose', 'lint', '--format', 'json', 'examples/broken'], ['--stack-size=2000']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /code cache \S+\/lint\.v8cache: rejected \(made by another Node or with other V8 flags\), compiling/);
  assert.equal(r.stdout, plain.stdout);
});

test('every bundle in dist/cli is a command\'s or main\'s: no other file there can be run by name', () => {
  const bundles = readdirSync(join(DIST, 'cli')).filter((f) => f.endsWith('.cjs'));
  assert.deepEqual(bundles.sort(), ['main', ...Object.keys(COMMANDS)].map((n) => `${n}.cjs`).sort());
});

test('a name that is no command, or could leave the folder, gets the main bundle', (t) => {
  const copy = distCopy(t);
  writeFileSync(join(copy.cli, '..', 'evil.cjs'), "require('node:fs').writeFileSync('/dev/stderr', 'EVIL\\n');");
  for (const args of [['../evil'], ['main'], ['LINT'], ['constructor'], ['vendor'], ['--', 'lint'], ['--verbose']]) {
    const r = run(copy.cli, ['--verbose', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /code cache \S+\/main\.v8cache: used/, args.join(' '));
    assert.doesNotMatch(r.stderr, /EVIL/);
  }
});

test('a missing bundle is a clear error, not a stack trace', (t) => {
  const copy = distCopy(t);
  rmSync(copy.file('main.cjs'));
  const r = run(copy.cli, ['--help']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `pbs-tools: the installation is incomplete: ${copy.file('main.cjs')} is missing or not a file; reinstall pbs-tools (or run 'npm run build')\n`);
});

test('the build made the language server\'s bundle and code cache, and this Node uses them', () => {
  for (const file of ['server.cjs', 'server.v8cache']) assert.ok(statSync(join(DIST, 'language-server', file)).size > 0, file);
  const r = run(SERVER_PATH, ['--verbose', '--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^pbs-language-server: code cache \S+\/language-server\/server\.v8cache: used$/m);
  assert.match(r.stdout, /^pbs-language-server \d+\.\d+\.\d+\n$/);
});

test('the language server: a damaged, truncated, foreign, missing or directory cache changes nothing but the speed', async (t) => {
  const copy = distCopy(t);
  const cache = copy.serverFile('server.v8cache');
  for (const [name, spoil, state] of spoilings(cache, copy.file('lint.v8cache'))) {
    rmSync(cache, { recursive: true, force: true });
    spoil();
    const r = run(copy.server, ['--verbose', '--version']);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.ok(r.stderr.includes(`code cache ${cache}: ${state}\n`), `${name}: ${r.stderr}`);
    // and it still serves an editor: initialize, diagnostics of a broken file
    const client = await startClient({ serverPath: copy.server });
    try {
      assert.equal(client.initializeResult.serverInfo?.name, 'pbs-language-server', name);
      const uri = 'file:///nonexistent/pbs-code-cache/prune.cfg';
      await client.open(uri, 'prune: daily\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n');
      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics.map((d) => d.code), ['out-of-range'], name);
    } finally {
      await client.close();
    }
  }
});

test('the language server under other V8 flags: V8 rejects the cache, the server still starts', () => {
  const r = run(SERVER_PATH, ['--verbose', '--version'], ['--stack-size=2000']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /code cache \S+\/server\.v8cache: rejected \(made by another Node or with other V8 flags\), compiling/);
  assert.match(r.stdout, /^pbs-language-server \d/);
});

test('the language server: a missing bundle is a clear error, not a stack trace', (t) => {
  const copy = distCopy(t);
  rmSync(copy.serverFile('server.cjs'));
  const r = run(copy.server, ['--stdio']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `pbs-language-server: the installation is incomplete: ${copy.serverFile('server.cjs')} is missing or not a file; reinstall pbs-tools (or run 'npm run build')\n`);
});
