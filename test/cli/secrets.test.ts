// Secret hygiene of every crypto command with `--verbose` on: the passphrases, the raw key and
// the certificate's private key never show in stdout, stderr or an error message, in any of their
// usual encodings; the files holding them are 0600 and written through a temporary file (no
// leftovers beside them). The verbose log must still say something for each step, or this test
// would pass against a silent CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { decryptKey, parseKeyConfig } from '../../core/crypto/key-config.ts';
import { CryptConfig } from '../../core/crypto/crypt-config.ts';
import { encodeBlob } from '../../core/crypto/blob.ts';

const PASS = 'verbose-secret passphrase 1';
const NEW_PASS = 'verbose-secret passphrase 2';
const WRONG = 'verbose-secret wrong guess';

/** Every way a secret could leak into text: as is, hex, base64 (both alphabets), first/last 16 chars. */
function forms(secret: Buffer | string): string[] {
  const b = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
  const out = [b.toString('hex'), b.toString('base64').replace(/=+$/, ''), b.toString('base64url')];
  if (!Buffer.isBuffer(secret)) out.push(secret);
  return out.filter((s) => s.length >= 12);
}

function assertNoSecret(results: CliResult[], secrets: string[], what: string): void {
  for (const r of results) {
    for (const text of [r.stdout, r.stderr]) {
      for (const s of secrets) {
        assert.ok(!text.includes(s), `${what}: output contains a secret (${s.slice(0, 6)}…):\n${text}`);
        // also a part of it, in case a message truncates or wraps
        if (s.length >= 32) assert.ok(!text.includes(s.slice(8, 32)), `${what}: output contains part of a secret:\n${text}`);
      }
    }
  }
}

function assertVerbose(r: CliResult, fragment: RegExp, what: string): void {
  assert.match(r.stderr, fragment, `${what}: --verbose said nothing about this step:\n${r.stderr}`);
}

function assertPrivateFile(dir: string, name: string): void {
  assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600, `${name} must be 0600`);
  const leftovers = readdirSync(dir).filter((f) => f.includes('.tmp') || f.startsWith('.'));
  assert.deepEqual(leftovers, [], `temporary files left beside ${name}`);
}

test('key create / info / test / passwd and blob inspect with --verbose never show a passphrase or the key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-secrets-'));
  writeFileSync(join(dir, 'pass'), PASS + '\n');
  writeFileSync(join(dir, 'newpass'), NEW_PASS + '\n');
  writeFileSync(join(dir, 'wrong'), WRONG + '\n');
  const opts = { cwd: dir };
  const results: CliResult[] = [];
  const run = async (args: string[], env?: NodeJS.ProcessEnv) => {
    const r = await runCli(['--verbose', ...args], env ? { ...opts, env: { ...process.env, ...env } } : opts);
    results.push(r);
    return r;
  };

  const created = await run(['key', 'create', 'k.json', '--new-passphrase-file', 'pass']);
  assert.equal(created.code, 0, created.stderr);
  assertVerbose(created, /passphrase .*first line of 'pass'/, 'key create');
  assertVerbose(created, /writing 'k\.json' \(mode 0600\) through a temporary file/, 'key create');
  assertPrivateFile(dir, 'k.json');

  const raw = (await decryptKey(parseKeyConfig(readFileSync(join(dir, 'k.json'))), Buffer.from(PASS))).key;

  assertVerbose(await run(['key', 'info', 'k.json']), /kdf scrypt \(n=65536/, 'key info');
  const tested = await run(['key', 'test', 'k.json', '--passphrase-file', 'pass']);
  assert.equal(tested.code, 0, tested.stderr);
  assertVerbose(tested, /deriving the key-encryption key \(scrypt\)/, 'key test');
  const fromEnv = await run(['key', 'test', 'k.json'], { PBS_ENCRYPTION_PASSWORD: PASS });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  assertVerbose(fromEnv, /from PBS_ENCRYPTION_PASSWORD/, 'key test (env)');
  const wrong = await run(['key', 'test', 'k.json', '--passphrase-file', 'wrong']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /wrong passphrase|passphrase/i);

  const changed = await run(['key', 'passwd', 'k.json', '--passphrase-file', 'pass', '--new-passphrase-file', 'newpass']);
  assert.equal(changed.code, 0, changed.stderr);
  assertVerbose(changed, /replacing the old one/, 'key passwd');
  assertPrivateFile(dir, 'k.json');

  // An encrypted blob, inspected and decoded with the key.
  const crypt = new CryptConfig(raw);
  writeFileSync(join(dir, 'index.json.blob'), await encodeBlob(Buffer.from('{"backup-type":"host"}'), { crypt, compress: true }));
  const inspected = await run(['blob', 'inspect', 'index.json.blob', '--keyfile', 'k.json', '--passphrase-file', 'newpass', '--out', 'payload']);
  assert.equal(inspected.code, 0, inspected.stdout + inspected.stderr);
  assertVerbose(inspected, /decoding the payload \(AES-256-GCM\)/, 'blob inspect');
  assertPrivateFile(dir, 'payload');

  const secrets = [...forms(PASS), ...forms(NEW_PASS), ...forms(WRONG), ...forms(raw)];
  assertNoSecret(results, secrets, 'key/blob commands');
});

test('cert generate / info with --verbose never show the private key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-secrets-cert-'));
  const gen = await runCli(['--verbose', 'cert', 'generate', '--out-dir', dir, '--key-type', 'ec', '--cn', 'pbs.example.com']);
  assert.equal(gen.code, 0, gen.stderr);
  assertVerbose(gen, /writing '.*proxy\.key' \(mode 0600\)/, 'cert generate');
  assertPrivateFile(dir, 'proxy.key');
  const pem = readFileSync(join(dir, 'proxy.key'), 'utf8');
  const body = pem
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('-----'))
    .join('');
  assert.ok(body.length > 100, 'the key file holds a PEM body');
  const info = await runCli(['--verbose', 'cert', 'info', join(dir, 'proxy.pem')]);
  assert.equal(info.code, 0, info.stderr);
  // Pointing `cert info` at the private key must fail without echoing it.
  const wrongFile = await runCli(['--verbose', 'cert', 'info', join(dir, 'proxy.key')]);
  assert.equal(wrongFile.code, 1);
  const lines = pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
  assertNoSecret([gen, info, wrongFile], [body.slice(0, 64), ...lines], 'cert commands');
});

test('--verbose is accepted by every command and stays out of the arguments it does not belong to', async () => {
  const r = await runCli(['size', '--verbose', '10MiB']);
  assert.equal(r.code, 0, r.stderr);
  const after = await runCli(['sha256', '--', '--verbose']);
  assert.equal(after.code, 1, 'after --, "--verbose" is a file name');
  assert.match(after.stderr, /--verbose/);
});
