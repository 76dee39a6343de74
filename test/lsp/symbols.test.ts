// documentSymbol and foldingRange over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lsp.ts';

test('outline and folding of a datastore.cfg', async () => {
  const client = await startClient();
  try {
    assert.equal(client.initializeResult.capabilities.documentSymbolProvider, true);
    assert.equal(client.initializeResult.capabilities.foldingRangeProvider, true);
    const uri = 'file:///nonexistent/pbs-symbols/datastore.cfg';
    await client.open(uri, 'datastore: store1\n\tpath /mnt/a\n\tcomment main\n\ndatastore: store2\n\tpath /mnt/b\n');
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.selectionRange.start, s.children?.length]), [
      ['store1', { line: 0, character: 11 }, 2],
      ['store2', { line: 4, character: 11 }, 1],
    ]);
    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 2], [4, 5]]);
  } finally {
    await client.close();
  }
});

test('workspace/symbol and documentHighlight', async () => {
  const client = await startClient();
  try {
    assert.equal(client.initializeResult.capabilities.workspaceSymbolProvider, true);
    assert.equal(client.initializeResult.capabilities.documentHighlightProvider, true);
    const uri = 'file:///nonexistent/pbs-wsym/tape.cfg';
    await client.open(uri, 'changer: sl3\n\tpath /dev/sg1\n\nlto: drive1\n\tchanger sl3\n\tpath /dev/nst0\n');
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'drv' })) as { name: string; location: { uri: string } }[];
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri]), [['drive1', uri]]);
    const hl = (await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 4, character: 10 } })) as {
      range: { start: { line: number } };
      kind: number;
    }[];
    assert.deepEqual(hl.map((h) => [h.range.start.line, h.kind]), [[0, 3], [4, 2]]);
  } finally {
    await client.close();
  }
});

test('selectionRange grows from the value to the section', async () => {
  const client = await startClient();
  try {
    assert.equal(client.initializeResult.capabilities.selectionRangeProvider, true);
    const uri = 'file:///nonexistent/pbs-sel/datastore.cfg';
    await client.open(uri, 'datastore: store1\n\tpath /mnt/a\n');
    const [sel] = (await client.connection.sendRequest('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 1, character: 8 }] })) as {
      range: { start: { line: number; character: number } };
      parent?: unknown;
    }[];
    assert.deepEqual(sel.range.start, { line: 1, character: 6 });
    let depth = 0;
    for (let r: { parent?: unknown } | undefined = sel; r; r = r.parent as { parent?: unknown } | undefined) depth++;
    assert.equal(depth, 4); // value, line, section, file
  } finally {
    await client.close();
  }
});
