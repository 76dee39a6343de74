// Searching the workspace folders for PBS files: breadth first, bounded, hidden folders,
// dependency folders and links to folders not entered, unreadable folders skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { scanFolders } from '../../../server/workspace-scan.ts';

const isCfg = (p: string) => p.endsWith('.cfg');

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'pbs-scan-'));
  for (const dir of ['a/b/c/d', '.git', 'node_modules/x', 'e']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['top.cfg', 'a/one.cfg', 'a/b/c/d/deep.cfg', '.git/hidden.cfg', 'node_modules/x/dep.cfg', 'e/notes.txt']) writeFileSync(join(root, file), '');
  symlinkSync(join(root, 'a'), join(root, 'e', 'loop')); // a link to a folder above: never entered
  return root;
}

test('finds the matching files, shallow first; skips hidden, dependency and linked folders', async () => {
  const root = tree();
  try {
    const found = await scanFolders([root], isCfg);
    assert.deepEqual(found.files.map((f) => relative(root, f)), ['top.cfg', 'a/one.cfg', 'a/b/c/d/deep.cfg']);
    assert.equal(found.truncated, false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the depth and entry limits cut the scan and say so', async () => {
  const root = tree();
  try {
    const shallow = await scanFolders([root], isCfg, { maxDepth: 1, maxEntries: 1000 });
    assert.deepEqual(shallow.files.map((f) => relative(root, f)), ['top.cfg', 'a/one.cfg']);
    assert.equal(shallow.truncated, true);
    const few = await scanFolders([root], isCfg, { maxDepth: 8, maxEntries: 3 });
    assert.equal(few.truncated, true);
    assert.ok(few.files.length <= 3);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder that does not exist or is a file yields nothing, no error', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pbs-scan-'));
  try {
    writeFileSync(join(root, 'plain.cfg'), '');
    assert.deepEqual(await scanFolders([join(root, 'missing'), join(root, 'plain.cfg')], isCfg), { files: [], truncated: false });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
