// Files beside an open document are read only if they are regular files, and capped: a FIFO, a
// link to /dev/zero, a directory named like a PBS file take no part in the configuration and are
// remembered with the reason — and reading them neither hangs nor takes libuv's threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_LIMITS, sizeWords } from '../../../core/fs/read-file.ts';
import { DiskFiles } from '../../../server/disk-files.ts';
import { Workspace } from '../../../service/workspace.ts';

test('only the regular files of a root are read; the others are unreadable, with why, logged once', { timeout: 20_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'pbs-disk-'));
  try {
    writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n');
    // more FIFOs than libuv has threads: a blocking open of each would take one forever
    for (const name of ['sync.cfg', 'prune.cfg', 'verification.cfg', 'remote.cfg', 'media-pool.cfg']) execFileSync('mkfifo', [join(root, name)]);
    symlinkSync('/dev/zero', join(root, 'user.cfg'));
    mkdirSync(join(root, 'acl.cfg'));
    writeFileSync(join(root, 'tape.cfg'), '');
    truncateSync(join(root, 'tape.cfg'), READ_LIMITS.configFile + 1024 * 1024); // sparse: bigger than the cap
    symlinkSync(join(root, 'nowhere'), join(root, 'node.cfg')); // dangling: simply absent
    const workspace = new Workspace();
    const logged: string[] = [];
    const disk = new DiskFiles(workspace, (m) => logged.push(m));
    await disk.loadRoot(root, () => false);
    assert.deepEqual(workspace.all().map((f) => f.kind.name), ['datastore.cfg']);
    const unreadable = Object.fromEntries([...disk.unreadable()].map(([p, why]) => [p.slice(root.length + 1), why]));
    assert.deepEqual(Object.keys(unreadable).sort(), ['acl.cfg', 'media-pool.cfg', 'prune.cfg', 'remote.cfg', 'sync.cfg', 'tape.cfg', 'user.cfg', 'verification.cfg']);
    assert.equal(unreadable['sync.cfg'], 'it is a named pipe (FIFO), not a regular file');
    assert.equal(unreadable['user.cfg'], 'it is a character device, not a regular file');
    assert.match(unreadable['acl.cfg'], /directory/);
    assert.equal(unreadable['tape.cfg'], `it is ${sizeWords(READ_LIMITS.configFile + 1024 * 1024)}, more than the ${sizeWords(READ_LIMITS.configFile)} read at most`);
    // libuv's pool is free: a read elsewhere still completes
    assert.ok((await readFile(join(root, 'datastore.cfg'))).length > 0);
    // told once, not on every scan
    await disk.loadRoot(root, () => false, true);
    assert.equal(logged.length, 8, logged.join('\n'));
    // a FIFO replaced by a real file is read on the next reload
    rmSync(join(root, 'sync.cfg'));
    writeFileSync(join(root, 'sync.cfg'), 'sync: job1\n\tstore store1\n\tremote-store store1\n');
    await disk.reload(join(root, 'sync.cfg'));
    assert.ok(workspace.get(join(root, 'sync.cfg')));
    assert.equal(disk.unreadable().has(join(root, 'sync.cfg')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
