// schema/kinds/*.json is the one source of the file kinds; schema/file-kinds.generated.ts (the light
// table) and schema/kinds.generated.ts (the registry's imports) are written from it by
// `npm run kinds:sync` (scripts/kinds-sync.ts). These tests fail while the committed ones are stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_HINT, generatedFiles, readKinds, staleFiles } from '../../../scripts/kinds-sync.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('the committed generated kind modules are those schema/kinds/*.json gives', () => {
  const stale = staleFiles();
  assert.deepEqual(stale, [], `${stale.join(', ')} stale for schema/kinds/*.json: ${SYNC_HINT}`);
});

/** A scratch copy of schema/ (kinds and the generated modules), removed after `body`. */
function withScratchSchema(body: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'pbs-kinds-'));
  try {
    cpSync(join(ROOT, 'schema/kinds'), join(root, 'schema/kinds'), { recursive: true });
    for (const path of Object.keys(generatedFiles())) cpSync(join(ROOT, path), join(root, path));
    body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const dummy = (file: Record<string, unknown> | undefined) =>
  JSON.stringify({ $id: 'pbs-tools:dummy.cfg', title: 'dummy.cfg', 'x-pbs-family': 'section-config', ...(file ? { 'x-pbs-file': file } : {}), 'x-pbs-sections': {} });

test('a new kind JSON makes both generated modules stale, and the sync writes its row and its import', () => {
  withScratchSchema((root) => {
    assert.deepEqual(staleFiles(root), []);
    writeFileSync(join(root, 'schema/kinds/dummy.cfg.json'), dummy({ order: 25, $comment: 'Only a test.' }));
    assert.deepEqual(staleFiles(root), ['schema/file-kinds.generated.ts', 'schema/kinds.generated.ts']);
    const files = generatedFiles(readKinds(join(root, 'schema/kinds')));
    const table = files['schema/file-kinds.generated.ts'];
    // in its order: after datastore.cfg (10) and s3.cfg (20), before user.cfg (30)
    assert.match(table, /name: 's3\.cfg'.*\n {2}\/\/ Only a test\.\n {2}\{ name: 'dummy\.cfg', family: 'section-config' \},\n {2}\{ name: 'user\.cfg'/);
    assert.match(files['schema/kinds.generated.ts'], /import dummyCfg from '\.\/kinds\/dummy\.cfg\.json' with \{ type: 'json' \};/);
    assert.match(files['schema/kinds.generated.ts'], /\n {2}'dummy\.cfg': dummyCfg,\n/);
    for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
    assert.deepEqual(staleFiles(root), []);
  });
});

test('a kind JSON without its file facts, or with a taken order or a bad glob, is refused with what to write', () => {
  withScratchSchema((root) => {
    const kinds = join(root, 'schema/kinds');
    writeFileSync(join(kinds, 'dummy.cfg.json'), dummy(undefined));
    assert.throws(() => readKinds(kinds), /schema\/kinds\/dummy\.cfg\.json: "x-pbs-file": \{ "order": <number> \} is missing/);
    writeFileSync(join(kinds, 'dummy.cfg.json'), dummy({ order: 30 }));
    assert.throws(() => readKinds(kinds), /"x-pbs-file\.order" 30 is taken by another kind/);
    writeFileSync(join(kinds, 'dummy.cfg.json'), dummy({ order: 25, globs: ['dummy.cfg'] }));
    assert.throws(() => readKinds(kinds), /globs starting with "\*\*\/"/);
    writeFileSync(join(kinds, 'dummy.cfg.json'), readFileSync(join(kinds, 'sync.cfg.json'), 'utf8'));
    assert.throws(() => readKinds(kinds), /dummy\.cfg\.json: "title" must be the kind's name/);
  });
});
