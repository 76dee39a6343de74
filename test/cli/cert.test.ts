// `pbs-tools cert generate|info` as a process: files, modes, refusals, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_PALETTE_COMMANDS } from '../../client/commands/index.ts';
import { runCli } from '../helpers/cli.ts';
import { fakePrompts } from '../helpers/prompts.ts';
import { runFileCommand } from '../../server/file-commands.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'pbs-cert-'));

test('generate writes proxy.pem (0644) and proxy.key (0600); info reads it back', async () => {
  const dir = tmp();
  const r = await runCli(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs1.example.com', '--san', '192.0.2.9', '--bits', '2048']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'generating an RSA-2048 key …\n');
  assert.equal(statSync(join(dir, 'proxy.key')).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'proxy.pem')).mode & 0o777, 0o644);
  assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE KEY|MII/);
  const info = await runCli(['cert', 'info', join(dir, 'proxy.pem'), '--json']);
  assert.equal(info.code, 0, info.stderr);
  const j = JSON.parse(info.stdout);
  assert.match(j.subject, /^O = Proxmox Backup Server, OU = [0-9A-F-]{36}, CN = pbs1\.example\.com$/);
  assert.ok(j.altNames.includes('IP Address:192.0.2.9'));
  assert.deepEqual(j.publicKey, { type: 'rsa', bits: 2048 });
  assert.equal(j.expired, false);
});

test('info: pbs-tools cert info and Show Certificate Info describe a certificate in the same lines', async () => {
  const dir = tmp();
  const made = await runCli(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs1.example.com', '--san', '192.0.2.9', '--key-type', 'ec']);
  assert.equal(made.code, 0, made.stderr);
  const cli = await runCli(['cert', 'info', join(dir, 'proxy.pem')]);
  assert.equal(cli.code, 0, cli.stderr);
  const { prompts, details } = fakePrompts();
  await TOOL_PALETTE_COMMANDS['pbs.showCertificateInfo'](prompts, { path: join(dir, 'proxy.pem') });
  assert.deepEqual(details, [{ title: 'Certificate proxy.pem', lines: cli.stdout.split('\n').slice(0, -1) }]);
  assert.match(cli.stdout, /^subject: {5}O = Proxmox Backup Server, OU = [0-9A-F-]{36}, CN = pbs1\.example\.com\nissuer: {6}.* \(self-signed\)\nSANs: {8}.*DNS:pbs1\.example\.com, IP Address:192\.0\.2\.9\n/);
});

test('a file without a certificate: the CLI, the palette command and the server command say the same', async () => {
  const path = join(tmp(), 'not.pem');
  writeFileSync(path, 'hello\n');
  const cli = await runCli(['cert', 'info', path]);
  assert.equal(cli.code, 1);
  const message = cli.stderr.replace(/^pbs-tools cert: /, '').trimEnd();
  assert.match(message, /^certificate file '.*not\.pem': /);
  const { prompts } = fakePrompts();
  await assert.rejects(TOOL_PALETTE_COMMANDS['pbs.showCertificateInfo'](prompts, { path }), (e: Error) => e.message === message);
  await assert.rejects(runFileCommand('pbs.server.certInfo', [path]), (e: Error) => e.message === message);
});

test('existing files are never replaced without --force; with --force they are', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'proxy.pem'), 'old certificate');
  const refused = await runCli(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs.example.com', '--bits', '2048']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /proxy\.pem' already exists; nothing was written. Pass --force/);
  assert.equal(readFileSync(join(dir, 'proxy.pem'), 'utf8'), 'old certificate');
  assert.throws(() => statSync(join(dir, 'proxy.key')));
  const forced = await runCli(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs.example.com', '--bits', '2048', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(join(dir, 'proxy.pem'), 'utf8'), /^-----BEGIN CERTIFICATE-----/);
});

test('info on bad input: missing file, directory, private key, garbage', async () => {
  const dir = tmp();
  const missing = await runCli(['cert', 'info', join(dir, 'nope.pem')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file/);
  mkdirSync(join(dir, 'd'));
  const directory = await runCli(['cert', 'info', join(dir, 'd')]);
  assert.equal(directory.code, 1);
  assert.match(directory.stderr, /directory/);
  writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
  const key = await runCli(['cert', 'info', join(dir, 'key.pem')]);
  assert.equal(key.code, 1);
  assert.match(key.stderr, /private key, not a certificate/);
  assert.doesNotMatch(key.stderr, /AAAA/);
  writeFileSync(join(dir, 'junk.pem'), 'junk');
  const junk = await runCli(['cert', 'info', join(dir, 'junk.pem')]);
  assert.equal(junk.code, 1);
  assert.match(junk.stderr, /no PEM certificate found/);
});

test('usage errors exit 2', async () => {
  assert.equal((await runCli(['cert'])).code, 2);
  assert.equal((await runCli(['cert', 'generate'])).code, 2);
  const bits = await runCli(['cert', 'generate', '--out-dir', tmp(), '--bits', '1000']);
  assert.equal(bits.code, 2);
  assert.equal(bits.stderr, 'pbs-tools cert: RSA keys are 2048, 3072, 4096 bits, not 1000\n', 'refused before anything is said or made');
  assert.equal((await runCli(['cert', 'frobnicate'])).code, 2);
});
