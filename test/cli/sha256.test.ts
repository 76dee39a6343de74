// `pbs-tools sha256` as scripts use it: sha256sum's output format (checked against sha256sum
// itself where installed), standard input, --check, and the failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionsEnforced } from '../helpers/fs.ts';
import { runCli } from '../helpers/cli.ts';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const HELLO = 'b71659ae865dc9ee9ace2018e699a98b238f6252e6b48eb5a1ad685d9d34b6e5';
const HAS_SHA256SUM = spawnSync('sha256sum', ['--version'], { stdio: 'ignore' }).status === 0;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-sha-cli-'));
  writeFileSync(join(dir, 'hello.txt'), 'hello PBS\n');
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 17, 7));
  mkdirSync(join(dir, 'adir'));
  return dir;
}

test('prints "<hex>  <name>" per file, like sha256sum', async () => {
  const cwd = workdir();
  const r = await runCli(['sha256', 'hello.txt', 'empty', 'big.bin'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `${HELLO}  hello.txt`);
  assert.equal(lines[1], `${EMPTY}  empty`);
  if (HAS_SHA256SUM) assert.equal(r.stdout, spawnSync('sha256sum', ['hello.txt', 'empty', 'big.bin'], { cwd }).stdout.toString());
});

test("'-' reads standard input", async () => {
  const r = await runCli(['sha256', '-'], { input: 'hello PBS\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${HELLO}  -\n`);
});

test('names with a backslash or a newline are escaped as sha256sum escapes them', { skip: !HAS_SHA256SUM && 'sha256sum not installed' }, async () => {
  const cwd = workdir();
  for (const name of ['back\\slash', 'new\nline']) {
    writeFileSync(join(cwd, name), 'x');
    const r = await runCli(['sha256', name], { cwd });
    assert.equal(r.stdout, spawnSync('sha256sum', [name], { cwd }).stdout.toString(), JSON.stringify(name));
  }
});

test('a missing file, a directory or an unreadable file: a message each, the others still hashed, exit 1', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'locked'), 'hello PBS\n');
  chmodSync(join(cwd, 'locked'), 0);
  const enforced = permissionsEnforced(cwd);
  const r = await runCli(['sha256', 'missing', 'hello.txt', 'adir', 'locked'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^pbs-tools sha256: cannot read file 'missing': no such file$/m);
  assert.match(r.stderr, /^pbs-tools sha256: cannot read file 'adir': it is a directory; give a file$/m);
  if (enforced) {
    assert.match(r.stderr, /cannot read file 'locked': permission denied \(check its mode and owner\)/);
    assert.equal(r.stdout, `${HELLO}  hello.txt\n`);
  } else {
    // running as root: mode 000 does not stop reading, so the file is hashed
    assert.equal(r.stdout, `${HELLO}  hello.txt\n${HELLO}  locked\n`);
  }
});

test('--check prints OK and FAILED lines like sha256sum -c and exits 1 on any failure', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'SUMS'), `${HELLO}  hello.txt\n${EMPTY} *empty\n${'0'.repeat(64)}  big.bin\n`);
  const r = await runCli(['sha256', '--check', 'SUMS'], { cwd });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'hello.txt: OK\nempty: OK\nbig.bin: FAILED\n');
  assert.match(r.stderr, /WARNING: 1 computed checksum did NOT match/);
  if (HAS_SHA256SUM) assert.equal(r.stdout, spawnSync('sha256sum', ['-c', 'SUMS'], { cwd }).stdout.toString());
  writeFileSync(join(cwd, 'GOOD'), `${HELLO}  hello.txt\nSHA256 (empty) = ${EMPTY}\n\n`);
  const ok = await runCli(['sha256', '-c', 'GOOD'], { cwd });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'hello.txt: OK\nempty: OK\n');
});

test('--check output of our own listing round-trips, also from standard input', async () => {
  const cwd = workdir();
  const listing = await runCli(['sha256', 'hello.txt', 'big.bin'], { cwd });
  const r = await runCli(['sha256', '--check', '-'], { cwd, input: listing.stdout });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello.txt: OK\nbig.bin: OK\n');
});

test('--check explains malformed lines by line number and reports unreadable files', async () => {
  const cwd = workdir();
  writeFileSync(
    join(cwd, 'SUMS'),
    [
      `${HELLO}  hello.txt`,
      `${HELLO.slice(0, 40)}  sha1.txt`,
      'just some words',
      `${HELLO}hello.txt`,
      `MD5 (x) = d41d8cd98f00b204e9800998ecf8427e`,
      `${HELLO}  missing.txt`,
      `${HELLO}  `,
    ].join('\n') + '\n',
  );
  const r = await runCli(['sha256', '--check', 'SUMS'], { cwd });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'hello.txt: OK\nmissing.txt: FAILED open or read\n');
  for (const m of [
    /SUMS:2: improperly formatted line: the checksum has 40 hex digits, a SHA-256 has 64 \(is this a SHA-1 list\?\)/,
    /SUMS:3: improperly formatted line: expected '<64 hex digits> {2}FILE' but the line does not start with hex digits/,
    /SUMS:4: improperly formatted line: expected '<64 hex digits> {2}FILE' \(two spaces, or ' \*', between/,
    /SUMS:5: improperly formatted line: this is a MD5 line, not SHA256/,
    /SUMS:7: improperly formatted line: no file name after the checksum/,
    /cannot read file 'missing.txt': no such file/,
    /WARNING: 5 lines are improperly formatted/,
    /WARNING: 1 listed file could not be read/,
  ]) {
    assert.match(r.stderr, m);
  }
});

test('--check with no valid line, or a missing list, fails with a message', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'JUNK'), 'nothing useful\n');
  const junk = await runCli(['sha256', '--check', 'JUNK'], { cwd });
  assert.equal(junk.code, 1);
  assert.match(junk.stderr, /JUNK: no properly formatted SHA256 checksum lines found/);
  const missing = await runCli(['sha256', '--check', 'NOPE'], { cwd });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read checksum list 'NOPE': no such file/);
});

test('usage: no FILE and stray arguments exit 2; --help exits 0 with the usage on stdout', async () => {
  const none = await runCli(['sha256']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no FILE given/);
  const both = await runCli(['sha256', '--check', 'SUMS', 'extra']);
  assert.equal(both.code, 2);
  const bad = await runCli(['sha256', '--bogus', 'x']);
  assert.equal(bad.code, 2);
  const help = await runCli(['sha256', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pbs-tools sha256 FILE\.\.\./);
});
