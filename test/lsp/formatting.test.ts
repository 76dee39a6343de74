// Formatting over stdio: the capabilities are declared and a messy file comes back in PBS layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lsp.ts';

test('textDocument/formatting and onTypeFormatting return PBS layout edits', async () => {
  const client = await startClient();
  try {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(caps.documentRangeFormattingProvider, true);
    assert.deepEqual(caps.documentOnTypeFormattingProvider, { firstTriggerCharacter: '\n' });
    const uri = 'file:///nonexistent/pbs-fmt/prune.cfg';
    await client.open(uri, 'prune: job1\n  store s1\n  schedule daily\n\n\n');
    const edits = (await client.connection.sendRequest('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 8, insertSpaces: false },
    })) as TextEdit[];
    assert.deepEqual(edits, [
      { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 16 } }, newText: 'prune: job1\n\tschedule daily\n\tstore s1' },
      { range: { start: { line: 2, character: 16 }, end: { line: 5, character: 0 } }, newText: '\n' },
    ]);
    // Enter after a header: the new line gets the TAB a property needs.
    const typed = 'file:///nonexistent/pbs-fmt/datastore.cfg';
    await client.open(typed, 'datastore: store1\n');
    const onType = (await client.connection.sendRequest('textDocument/onTypeFormatting', {
      textDocument: { uri: typed },
      position: { line: 1, character: 0 },
      ch: '\n',
      options: { tabSize: 8, insertSpaces: false },
    })) as TextEdit[];
    assert.deepEqual(onType, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '\t' }]);
  } finally {
    await client.close();
  }
});
