// `pbs-tools blob inspect` end to end: the four kinds, keys that do and do not fit, chunk digests
// against the file name, damaged files, and --out that writes only a new file, only when all is well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBlob, chunkDigest } from '../../core/crypto/blob.ts';
import { CryptConfig } from '../../core/crypto/crypt-config.ts';
import { createKeyConfig, serializeKeyConfig } from '../../core/crypto/key-config.ts';
import { runCli } from '../helpers/cli.ts';

const RAW = Buffer.from('b8baa96f3e5c08881cb4b61f3bd19072949d964ceb221c4785190d888584a31e', 'hex');
const crypt = new CryptConfig(RAW);
const HELLO = Buffer.from('hello PBS\n');
const TEXT = Buffer.from('acl:1:/datastore/store1:backup@pbs:DatastoreBackup\n'.repeat(3000));
const PASS = 'blob key passphrase';

async function workdir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-blob-cli-'));
  const w = (name: string, data: Uint8Array | string) => writeFileSync(join(dir, name), data);
  w('hello.blob', await encodeBlob(HELLO, { compress: false }));
  w('text.blob', await encodeBlob(TEXT));
  w('enc.blob', await encodeBlob(HELLO, { crypt, compress: false }));
  w('enc-text.blob', await encodeBlob(TEXT, { crypt }));
  w('plain.key.json', serializeKeyConfig((await createKeyConfig({ kdf: 'none', key: RAW })).config));
  w('other.key.json', serializeKeyConfig((await createKeyConfig({ kdf: 'none' })).config));
  w('pbkdf2.key.json', serializeKeyConfig((await createKeyConfig({ kdf: 'pbkdf2', key: RAW, passphrase: PASS })).config));
  w('pass', PASS + '\n');
  mkdirSync(join(dir, 'chunks'));
  w(join('chunks', chunkDigest(TEXT, crypt).toString('hex')), await encodeBlob(TEXT, { crypt }));
  w(join('chunks', chunkDigest(TEXT).toString('hex')), await encodeBlob(TEXT));
  w(join('chunks', 'f'.repeat(64)), await encodeBlob(TEXT));
  return dir;
}

test('an uncompressed blob: kind, sizes, CRC and the SHA-256 digest', async () => {
  const cwd = await workdir();
  const r = await runCli(['blob', 'inspect', 'hello.blob'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      'file:    hello.blob',
      'kind:    uncompressed (magic 42ab3807be8370a1)',
      'size:    22 bytes (header 12, payload 10)',
      'crc32:   ok (0d2f5872)',
      'decoded: 10 bytes',
      'digest:  b71659ae865dc9ee9ace2018e699a98b238f6252e6b48eb5a1ad685d9d34b6e5 (SHA-256 of the data)',
      '',
    ].join('\n'),
  );
});

test('a compressed blob decodes; --out writes the payload to a new file, mode 0600', async () => {
  const cwd = await workdir();
  const r = await runCli(['blob', 'inspect', 'text.blob', '--out', 'text.out'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^kind: +zstd compressed \(magic 31b958426fb6a37f\)$/m);
  assert.match(r.stdout, new RegExp(`^decoded: +${TEXT.length} bytes \\(zstd ratio \\d+\\.\\d\\d\\)$`, 'm'));
  assert.match(r.stdout, /^out: +text\.out \(153000 bytes\)$/m);
  assert.deepEqual(readFileSync(join(cwd, 'text.out')), TEXT);
  assert.equal(statSync(join(cwd, 'text.out')).mode & 0o777, 0o600);
});

test('an encrypted blob without a key is described; with the key it decrypts and gets the keyed digest', async () => {
  const cwd = await workdir();
  const bare = await runCli(['blob', 'inspect', 'enc-text.blob'], { cwd });
  assert.equal(bare.code, 0, bare.stderr);
  assert.match(bare.stdout, /^kind: +zstd compressed, encrypted \(magic e6591bbf0bbfd80b\)$/m);
  assert.match(bare.stdout, /^iv: +[0-9a-f]{32}$/m);
  assert.match(bare.stdout, /^tag: +[0-9a-f]{32}$/m);
  assert.match(bare.stdout, /^payload: +encrypted; give --keyfile/m);
  for (const args of [['--keyfile', 'plain.key.json'], ['--keyfile', 'pbkdf2.key.json', '--passphrase-file', 'pass']]) {
    const r = await runCli(['blob', 'inspect', 'enc-text.blob', ...args, '--out', `out-${args[1]}`], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^key: +34:76:43:60:08:fd:6f:bd \(/m);
    assert.match(r.stdout, /^decrypt: +ok: the key 34:76:43:60:08:fd:6f:bd decrypts and authenticates it$/m);
    assert.ok(r.stdout.includes(`digest:  ${chunkDigest(TEXT, crypt).toString('hex')} (keyed`), r.stdout);
    assert.deepEqual(readFileSync(join(cwd, `out-${args[1]}`)), TEXT);
  }
  assert.ok(!readdirSync(cwd).some((f) => f.includes(PASS)));
});

test('another key fails to decrypt: exit 1, and --out writes nothing', async () => {
  const cwd = await workdir();
  const r = await runCli(['blob', 'inspect', 'enc.blob', '--keyfile', 'other.key.json', '--out', 'x.out'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^decrypt: +FAILED: unable to decrypt blob: it was encrypted with another key, or its bytes were changed$/m);
  assert.match(r.stdout, /^out: +not written: a check failed$/m);
  assert.ok(!existsSync(join(cwd, 'x.out')));
});

test('a damaged blob: CRC mismatch reported, exit 1, nothing written', async () => {
  const cwd = await workdir();
  const blob = readFileSync(join(cwd, 'text.blob'));
  blob[blob.length - 5] ^= 0x10;
  writeFileSync(join(cwd, 'bad.blob'), blob);
  const r = await runCli(['blob', 'inspect', 'bad.blob', '--out', 'bad.out'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^crc32: +MISMATCH: stored [0-9a-f]{8}, computed [0-9a-f]{8} — the file is damaged$/m);
  assert.ok(!existsSync(join(cwd, 'bad.out')));
});

test('chunk files: the digest is checked against a 64-hex file name, or --digest', async () => {
  const cwd = await workdir();
  const encName = chunkDigest(TEXT, crypt).toString('hex');
  const ok = await runCli(['blob', 'inspect', join('chunks', encName), '--keyfile', 'plain.key.json'], { cwd });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^digest check: ok: matches the chunk file name$/m);
  const plainOk = await runCli(['blob', 'inspect', join('chunks', chunkDigest(TEXT).toString('hex'))], { cwd });
  assert.match(plainOk.stdout, /digest check: ok: matches the chunk file name/);
  const wrongName = await runCli(['blob', 'inspect', join('chunks', 'f'.repeat(64))], { cwd });
  assert.equal(wrongName.code, 1);
  assert.match(wrongName.stdout, /digest check: MISMATCH: the chunk file name is a different digest/);
  const flag = await runCli(['blob', 'inspect', 'hello.blob', '--digest', '0'.repeat(64)], { cwd });
  assert.equal(flag.code, 1);
  assert.match(flag.stdout, /digest check: MISMATCH: --digest is 0{64}/);
  const noKey = await runCli(['blob', 'inspect', 'enc.blob', '--digest', '0'.repeat(64)], { cwd });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stdout, /digest: +cannot be checked without --keyfile/);
});

test('--out never replaces an existing file', async () => {
  const cwd = await workdir();
  writeFileSync(join(cwd, 'keep.txt'), 'precious');
  const r = await runCli(['blob', 'inspect', 'text.blob', '--out', 'keep.txt'], { cwd });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /output file 'keep\.txt' already exists; choose a path that does not exist \(nothing was written\)/);
  assert.equal(readFileSync(join(cwd, 'keep.txt'), 'utf8'), 'precious');
});

test('not a blob: missing, a directory, empty, an index file, an unknown magic, unreadable', async () => {
  const cwd = await workdir();
  mkdirSync(join(cwd, 'adir'));
  writeFileSync(join(cwd, 'empty.blob'), '');
  writeFileSync(join(cwd, 'index.fidx'), Buffer.concat([Buffer.from([47, 127, 65, 237, 145, 253, 15, 205]), Buffer.alloc(4088)]));
  writeFileSync(join(cwd, 'text.txt'), 'this is just some text file\n');
  const cases: [string, RegExp][] = [
    ['missing.blob', /cannot read blob 'missing\.blob': no such file/],
    ['adir', /cannot read blob 'adir': it is a directory; give a file/],
    ['empty.blob', /'empty\.blob': blob too small \(0 bytes; the header alone is 12\)/],
    ['index.fidx', /'index\.fidx': this is a fixed index \(\.fidx\), not a data blob/],
    ['text.txt', /'text\.txt': not a PBS data blob: unknown magic number 7468697320697320/],
  ];
  for (const [file, message] of cases) {
    const r = await runCli(['blob', 'inspect', file], { cwd });
    assert.equal(r.code, 1, `${file}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  }
  chmodSync(join(cwd, 'hello.blob'), 0);
  let enforced = true;
  try {
    readFileSync(join(cwd, 'hello.blob'));
    enforced = false;
  } catch {
    // permissions apply
  }
  const locked = await runCli(['blob', 'inspect', 'hello.blob'], { cwd });
  if (enforced) {
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /cannot read blob 'hello\.blob': permission denied/);
  } else assert.equal(locked.code, 0, 'root reads a mode-000 file');
});

test('usage errors exit 2; --help exits 0', async () => {
  for (const args of [['blob'], ['blob', 'decode', 'x'], ['blob', 'inspect'], ['blob', 'inspect', 'a', 'b'], ['blob', 'inspect', 'x', '--digest', 'abc'], ['blob', 'inspect', 'x', '--passphrase-file', 'p']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  const cwd = await workdir();
  const enc = await runCli(['blob', 'inspect', 'enc.blob', '--out', 'o'], { cwd });
  assert.equal(enc.code, 2);
  assert.match(enc.stderr, /--out needs --keyfile for an encrypted blob/);
  const help = await runCli(['blob', 'inspect', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pbs-tools blob inspect FILE/);
});
