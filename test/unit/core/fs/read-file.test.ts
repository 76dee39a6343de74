// readRegularFile (the language server's, through the thread pool) and readRegularFileSync (the
// command line's) run the same steps: the same bytes, the same refusals with the same words, and
// no descriptor left open whatever happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, readRegularFile, readRegularFileSync, type ReadOptions } from '../../../../core/fs/read-file.ts';

type Outcome = { bytes: string } | { error: string; code: string | undefined; message: string };

function outcome(read: () => Buffer): Outcome {
  try {
    return { bytes: read().toString('hex') };
  } catch (err) {
    return { error: (err as Error).name, code: (err as FileReadError).code, message: (err as Error).message };
  }
}

async function outcomeAsync(read: () => Promise<Buffer>): Promise<Outcome> {
  try {
    return { bytes: (await read()).toString('hex') };
  } catch (err) {
    return { error: (err as Error).name, code: (err as FileReadError).code, message: (err as Error).message };
  }
}

/** The descriptors this process holds on the files of `dir` (and /dev/zero): others come and go with the test runner. */
const descriptorsInto = (dir: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) || target === '/dev/zero';
    } catch {
      return false; // closed meanwhile (the listing's own descriptor)
    }
  });

test('both drivers read and refuse alike, and close what they open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-read-file-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const big = Buffer.alloc(200_000, 0x61);
  writeFileSync(join(dir, 'small.cfg'), 'datastore: a\n\tpath /a\n');
  writeFileSync(join(dir, 'empty.cfg'), '');
  writeFileSync(join(dir, 'big.cfg'), big);
  writeFileSync(join(dir, 'exact.cfg'), Buffer.alloc(1000, 0x62));
  mkdirSync(join(dir, 'folder'));
  symlinkSync('/dev/zero', join(dir, 'zero.cfg'));
  symlinkSync(join(dir, 'small.cfg'), join(dir, 'link.cfg'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.cfg'));
  execFileSync('mkfifo', [join(dir, 'fifo.cfg')]);
  const cases: [string, ReadOptions, (o: Outcome) => void][] = [
    ['small.cfg', { maxBytes: 1000 }, (o) => assert.deepEqual(o, { bytes: Buffer.from('datastore: a\n\tpath /a\n').toString('hex') })],
    ['empty.cfg', { maxBytes: 1000 }, (o) => assert.deepEqual(o, { bytes: '' })],
    ['big.cfg', { maxBytes: 1 << 20 }, (o) => assert.deepEqual(o, { bytes: big.toString('hex') })],
    ['big.cfg', { maxBytes: 1000 }, (o) => assert.equal('code' in o && o.code, 'too-large')],
    ['exact.cfg', { maxBytes: 1000 }, (o) => assert.equal('bytes' in o && o.bytes.length, 2000)],
    ['exact.cfg', { maxBytes: 999 }, (o) => assert.equal('code' in o && o.code, 'too-large')],
    ['folder', { maxBytes: 1000 }, (o) => assert.equal('code' in o && o.code, 'EISDIR')],
    ['zero.cfg', { maxBytes: 1000, what: 'key file' }, (o) => assert.match('message' in o ? o.message : '', /cannot read key file .*zero\.cfg.*: it is a character device, not a regular file/)],
    ['fifo.cfg', { maxBytes: 1000 }, (o) => assert.match('message' in o ? o.message : '', /it is a named pipe \(FIFO\), not a regular file/)],
    ['link.cfg', { maxBytes: 1000 }, (o) => assert.ok('bytes' in o)],
    ['dangling.cfg', { maxBytes: 1000 }, (o) => assert.equal('code' in o && o.code, 'ENOENT')],
    ['missing.cfg', { maxBytes: 1000 }, (o) => assert.equal('code' in o && o.code, 'ENOENT')],
  ];
  for (const [name, options, check] of cases) {
    const path = join(dir, name);
    const sync = outcome(() => readRegularFileSync(path, options));
    const async = await outcomeAsync(() => readRegularFile(path, options));
    check(sync);
    // errno errors carry the call in their message (stat vs open are the same steps)
    assert.deepEqual(sync, async, name);
  }
  assert.deepEqual(descriptorsInto(realpathSync(dir)), [], 'a descriptor was left open');
});

test('an aborted read is refused before anything is opened, by both drivers', async () => {
  const signal = AbortSignal.abort(new Error('stop'));
  assert.throws(() => readRegularFileSync('/etc/hostname', { maxBytes: 1000, signal }), /stop/);
  await assert.rejects(readRegularFile('/etc/hostname', { maxBytes: 1000, signal }), /stop/);
});
