// writeFileAtomic: exact modes whatever the umask, no replacing without `overwrite`, atomic
// replacement, no leftovers on failure, one winner among racing writers, and an interrupted
// writer (SIGKILL) leaves the old file intact. writeFilesAtomic: a set of files (proxy.key and
// proxy.pem) all replaced or none, rolled back when a later rename fails; stale temporaries removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicWriteError, FileExistsError, writeFailureMessage, writeFileAtomic, writeFilesAtomic } from '../../../../core/crypto/secure-write.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'pbs-write-'));

test('a new file gets exactly the mode asked for (default 0600), whatever the umask', async () => {
  const dir = fresh();
  const old = process.umask(0o077);
  try {
    await writeFileAtomic(join(dir, 'a'), 'secret');
    await writeFileAtomic(join(dir, 'b'), 'public', { mode: 0o644 });
  } finally {
    process.umask(old);
  }
  assert.equal(statSync(join(dir, 'a')).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'b')).mode & 0o777, 0o644);
  assert.equal(readFileSync(join(dir, 'a'), 'utf8'), 'secret');
  assert.deepEqual(readdirSync(dir).sort(), ['a', 'b'], 'no temporary files left');
});

test('an existing file is not replaced without overwrite, and is left as it was', async () => {
  const dir = fresh();
  const path = join(dir, 'k');
  writeFileSync(path, 'old', { mode: 0o640 });
  await assert.rejects(writeFileAtomic(path, 'new'), (e: unknown) => e instanceof FileExistsError && e.code === 'EEXIST' && e.message.includes(path));
  assert.equal(readFileSync(path, 'utf8'), 'old');
  assert.equal(statSync(path).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['k']);
});

test('overwrite replaces the file in one step (a new inode), with the new mode', async () => {
  const dir = fresh();
  const path = join(dir, 'k');
  writeFileSync(path, 'old', { mode: 0o644 });
  const before = statSync(path).ino;
  await writeFileAtomic(path, Buffer.from('new'), { overwrite: true });
  assert.equal(readFileSync(path, 'utf8'), 'new');
  assert.notEqual(statSync(path).ino, before);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('a failing write leaves the old file and no temporary file', async () => {
  const dir = fresh();
  const path = join(dir, 'k');
  writeFileSync(path, 'old');
  await assert.rejects(writeFileAtomic(path, 42 as unknown as string, { overwrite: true }));
  assert.equal(readFileSync(path, 'utf8'), 'old');
  assert.deepEqual(readdirSync(dir), ['k']);
  await assert.rejects(writeFileAtomic(join(dir, 'no-such-dir', 'k'), 'x'), { code: 'ENOENT' });
});

test('of writers racing for a new path exactly one wins; the file is whole', async () => {
  const dir = fresh();
  const path = join(dir, 'k');
  const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => writeFileAtomic(path, `writer ${i} `.repeat(10_000))));
  const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
  assert.equal(won.length, 1);
  for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof FileExistsError);
  assert.equal(readFileSync(path, 'utf8'), `writer ${won[0]} `.repeat(10_000));
  assert.deepEqual(readdirSync(dir), ['k']);
});

test('a writer killed in the middle leaves the old file intact', async () => {
  const dir = fresh();
  const path = join(dir, 'k');
  writeFileSync(path, 'old content');
  const mod = new URL('../../../../core/crypto/secure-write.ts', import.meta.url).href;
  const script = `import { writeFileAtomic } from ${JSON.stringify(mod)};
    process.stdout.write('go\\n');
    for (;;) await writeFileAtomic(${JSON.stringify(path)}, Buffer.alloc(64 << 20, 120), { overwrite: true }).then(() => process.stdout.write('done\\n'));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 30));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('close', r));
  const content = readFileSync(path);
  assert.ok(content.equals(Buffer.from('old content')) || content.equals(Buffer.alloc(64 << 20, 120)), `a whole file, old or new (${content.length} bytes)`);
  assert.ok(existsSync(path));
});

test('a set of files: all take their new content, each with its mode, and no temporary file is left', async () => {
  const dir = fresh();
  writeFileSync(join(dir, 'proxy.key'), 'old key', { mode: 0o600 });
  writeFileSync(join(dir, 'proxy.pem'), 'old cert', { mode: 0o644 });
  await writeFilesAtomic(
    [
      { path: join(dir, 'proxy.key'), data: 'new key', mode: 0o600 },
      { path: join(dir, 'proxy.pem'), data: 'new cert', mode: 0o644 },
    ],
    { overwrite: true },
  );
  assert.equal(readFileSync(join(dir, 'proxy.key'), 'utf8'), 'new key');
  assert.equal(readFileSync(join(dir, 'proxy.pem'), 'utf8'), 'new cert');
  assert.equal(statSync(join(dir, 'proxy.pem')).mode & 0o777, 0o644);
  assert.deepEqual(readdirSync(dir).sort(), ['proxy.key', 'proxy.pem']);
});

test('a set of files: when the second rename fails, the first file is put back and the error says which and what', async () => {
  const dir = fresh();
  const key = join(dir, 'proxy.key');
  const cert = join(dir, 'proxy.pem');
  writeFileSync(key, 'old key', { mode: 0o600 });
  mkdirSync(join(cert, 'in-the-way'), { recursive: true });
  const files = [
    { path: key, data: 'new key' },
    { path: cert, data: 'new cert', mode: 0o644 },
  ];
  const err = await writeFilesAtomic(files, { overwrite: true }).then(
    () => assert.fail('no error'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof AtomicWriteError);
  assert.equal(err.path, cert);
  assert.equal(err.code, 'EISDIR');
  assert.deepEqual(err.notRestored, []);
  assert.equal(writeFailureMessage(err), `cannot write file '${cert}': it is a directory; nothing was replaced: proxy.key and proxy.pem in '${dir}' are as they were`);
  assert.equal(readFileSync(key, 'utf8'), 'old key');
  assert.deepEqual(readdirSync(dir).sort(), ['proxy.key', 'proxy.pem']);

  // Without overwrite, a first file made new is removed again.
  rmSync(key);
  await assert.rejects(writeFilesAtomic(files), (e: unknown) => e instanceof FileExistsError && e.path === cert);
  assert.equal(existsSync(key), false, 'refused before anything was written');
});

test('a set of files: a temporary file that cannot be written (a full disk; here, bad data) replaces nothing and leaves nothing', async () => {
  const dir = fresh();
  writeFileSync(join(dir, 'a'), 'old a');
  writeFileSync(join(dir, 'b'), 'old b');
  // The second payload is not writable data: its temporary file fails after the first was written.
  const err = await writeFilesAtomic(
    [
      { path: join(dir, 'a'), data: 'new a' },
      { path: join(dir, 'b'), data: 42 as unknown as string },
    ],
    { overwrite: true },
  ).catch((e: unknown) => e);
  assert.ok(err instanceof AtomicWriteError);
  assert.equal(err.path, join(dir, 'b'));
  assert.equal(readFileSync(join(dir, 'a'), 'utf8'), 'old a');
  assert.deepEqual(readdirSync(dir).sort(), ['a', 'b']);
});

test('temporary files are named .NAME.pbs-tools-tmp-XXXXXXXXXXXX; stale ones are removed by the next write there', async () => {
  const dir = fresh();
  const stale = join(dir, '.k.pbs-tools-tmp-00112233aabb');
  const young = join(dir, '.k.pbs-tools-tmp-aabb00112233');
  writeFileSync(stale, 'secret from a killed run');
  writeFileSync(young, 'a write running right now');
  const old = new Date(Date.now() - 120_000);
  utimesSync(stale, old, old);
  await writeFileAtomic(join(dir, 'other'), 'x');
  assert.deepEqual(readdirSync(dir).sort(), ['.k.pbs-tools-tmp-aabb00112233', 'other']);
});
