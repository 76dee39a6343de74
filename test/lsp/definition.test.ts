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
