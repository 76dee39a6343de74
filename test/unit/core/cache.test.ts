// The file cache's coalescing, failure and mtime rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileCache, FileTooLargeError } from '../../../core/cache/file-cache.ts';

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-cache-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('N concurrent gets of a missing file run one load and share its value', async () => {
  const path = tmpFile('datastore.cfg', 'datastore: a\n');
  let loads = 0;
  const cache = new FileCache<{ text: string }>({
    max: 10,
    load: async (bytes) => {
      loads++;
      await sleep(20);
      return { text: bytes.toString() };
    },
  });
  const values = await Promise.all(Array.from({ length: 20 }, () => cache.get(path)));
  assert.equal(loads, 1);
  assert.equal(cache.loads, 1);
  assert.ok(values.every((v) => v === values[0] && v.text === 'datastore: a\n'));
  assert.equal(await cache.get(path), values[0], 'unchanged file: served from the cache');
  assert.equal(loads, 1);
});

test('a failed load is not cached: the next get loads again', async () => {
  const path = tmpFile('user.cfg', 'x');
  let attempt = 0;
  const cache = new FileCache<string>({
    max: 10,
    load: (bytes) => {
      if (++attempt === 1) throw new Error('parse failed');
      return bytes.toString();
    },
  });
  const first = await Promise.allSettled([cache.get(path), cache.get(path), cache.get(path)]);
  assert.ok(first.every((r) => r.status === 'rejected' && /parse failed/.test(String(r.reason))));
  assert.equal(attempt, 1, 'the concurrent gets shared the one failing load');
  assert.equal(cache.peek(path), undefined);
  assert.equal(await cache.get(path), 'x');
  assert.equal(attempt, 2);
});

test('a changed mtime or size reloads (concurrent gets share the reload); a deleted file drops out', async () => {
  const path = tmpFile('sync.cfg', 'one');
  const cache = new FileCache<string>({ max: 10, load: (b) => b.toString() });
  assert.equal(await cache.get(path), 'one');
  writeFileSync(path, 'two');
  utimesSync(path, new Date(2_000_000_000_000), new Date(2_000_000_000_000));
  const again = await Promise.all([cache.get(path), cache.get(path), cache.get(path)]);
  assert.deepEqual(again, ['two', 'two', 'two']);
  assert.equal(cache.loads, 2);
  writeFileSync(path, 'three!'); // other size, whatever the mtime resolution
  utimesSync(path, new Date(2_000_000_000_000), new Date(2_000_000_000_000));
  assert.equal(await cache.get(path), 'three!');
  assert.equal(cache.loads, 3);
  rmSync(path);
  await assert.rejects(cache.get(path), { code: 'ENOENT' });
  assert.equal(cache.peek(path), undefined);
});

test('a failed reload drops the old value too; a file above the size limit is not read', async () => {
  const path = tmpFile('remote.cfg', 'good');
  const cache = new FileCache<string>({
    max: 10,
    maxFileBytes: 10,
    load: (b) => {
      if (b.toString() === 'bad') throw new Error('broken');
      return b.toString();
    },
  });
  assert.equal(await cache.get(path), 'good');
  writeFileSync(path, 'bad');
  await assert.rejects(cache.get(path), /broken/);
  assert.equal(cache.peek(path), undefined);
  writeFileSync(path, 'much too large for the limit');
  await assert.rejects(cache.get(path), (e: unknown) => e instanceof FileTooLargeError && e.size === 28n);
});
