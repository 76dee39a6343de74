// Definition and references over stdio, into a file that is only on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lsp.ts';

test('from sync.cfg (open) to datastore.cfg (on disk), and back', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pbs-def-'));
  writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n');
  const client = await startClient();
  try {
    const sync = pathToFileURL(join(root, 'sync.cfg')).href;
    const ready = client.nextDiagnostics(sync);
    await client.open(sync, 'sync: job1\n\tremote-store store1\n\tstore store1\n');
    await ready;
    const defs = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: sync },
      position: { line: 2, character: 9 },
    })) as Location[];
    assert.deepEqual(defs, [{ uri: pathToFileURL(join(root, 'datastore.cfg')).href, range: { start: { line: 0, character: 11 }, end: { line: 0, character: 17 } } }]);
    const refs = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: sync },
      position: { line: 2, character: 9 },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.equal(refs.length, 3);
  } finally {
    await client.close();
  }
});

test('rename a datastore from sync.cfg: edits for the open file and the file on disk; refusals are errors', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pbs-rename-'));
  writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n');
  writeFileSync(join(root, 'prune.cfg'), 'prune: daily\n\tschedule daily\n\tstore store1\n');
  const client = await startClient();
  try {
    const sync = pathToFileURL(join(root, 'sync.cfg')).href;
    const ready = client.nextDiagnostics(sync);
    await client.open(sync, 'sync: job1\n\tremote-store store1\n\tstore store1\n');
    await ready;
    const position = { line: 2, character: 9 };
    const prep = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: sync }, position })) as { placeholder: string };
    assert.equal(prep.placeholder, 'store1');
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: sync }, position, newName: 'vmstore' })) as {
      changes: Record<string, { newText: string }[]>;
    };
    const files = Object.keys(edit.changes).map((u) => u.split('/').pop()).sort();
    assert.deepEqual(files, ['datastore.cfg', 'prune.cfg', 'sync.cfg']);
    assert.equal(edit.changes[sync].length, 2);
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument: { uri: sync }, position, newName: 'no' }),
      /not a valid datastore id/,
    );
  } finally {
    await client.close();
  }
});
