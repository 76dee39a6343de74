// Hover and completion over stdio with the built server, as an editor drives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codes, startClient } from '../helpers/lsp.ts';

function tmpRoot(): string {
  return mkdtempSync(join(tmpdir(), 'pbs-lsp-hc-'));
}

interface HoverReply {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

test('hover is advertised; on a size it shows the bytes (markdown), on a schedule the next runs', async () => {
  const client = await startClient({ capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } } });
  try {
    assert.equal(client.initializeResult.capabilities.hoverProvider, true);
    const uri = pathToFileURL(join(tmpRoot(), 'sync.cfg')).href;
    await client.open(uri, 'sync: job1\n\tstore store1\n\trate-in 10MiB\n\tschedule mon..fri 02:00\n');
    const size = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 10 } })) as HoverReply;
    assert.equal(size.contents.kind, 'markdown');
    assert.match(size.contents.value, /\*\*10485760 bytes\/s\*\*/);
    assert.deepEqual(size.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 14 } });
    const sched = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } })) as HoverReply;
    assert.match(sched.contents.value, /Runs Monday to Friday at 02:00\./);
    assert.match(sched.contents.value, /Next 5 runs/);
    assert.equal((sched.contents.value.match(/^- (Mon|Tue|Wed|Thu|Fri) /gm) ?? []).length, 5);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 0 } });
    assert.equal(none, null);
  } finally {
    await client.close();
  }
});

test('hover in plain text for a client without markdown', async () => {
  const client = await startClient({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
  try {
    const uri = pathToFileURL(join(tmpRoot(), 'sync.cfg')).href;
    await client.open(uri, 'sync: job1\n\tstore store1\n\trate-in 10MiB\n');
    const size = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 10 } })) as HoverReply;
    assert.equal(size.contents.kind, 'plaintext');
    assert.match(size.contents.value, /^10MiB — rate-in\n\n10485760 bytes\/s \(10 MiB\/s\)/);
  } finally {
    await client.close();
  }
});

interface CompletionReply {
  label: string;
  kind: number;
  insertTextFormat?: number;
  textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
}

test('completion is advertised; it offers the keys a section lacks and the datastores that exist (on disk)', async () => {
  const client = await startClient({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
  try {
    assert.deepEqual(client.initializeResult.capabilities.completionProvider, { triggerCharacters: [' ', '=', ',', ':', '\t'], resolveProvider: false });
    const root = tmpRoot();
    writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n');
    const uri = pathToFileURL(join(root, 'sync.cfg')).href;
    // store9 reported missing means the server has read datastore.cfg beside the open file.
    const published = client.nextDiagnostics(uri, (p) => codes(p.diagnostics).includes('unresolved-reference'));
    await client.open(uri, 'sync: job1\n\tstore \n\tremote-store store9\n\t\n');
    await published;
    const keyList = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 1 } })) as { isIncomplete: boolean; items: CompletionReply[] };
    assert.equal(keyList.isIncomplete, false);
    const keys = keyList.items;
    const labels = keys.map((k) => k.label);
    assert.ok(labels.includes('schedule') && labels.includes('rate-in') && !labels.includes('store') && !labels.includes('remote-store'), labels.join());
    assert.equal(keys.find((k) => k.label === 'schedule')!.kind, 10); // Property
    const stores = ((await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 7 } })) as { items: CompletionReply[] }).items;
    assert.deepEqual(stores.map((s) => [s.label, s.kind, s.textEdit.newText]), [
      ['store1', 18, 'store1'],
      ['store2', 18, 'store2'],
    ]);
    assert.deepEqual(stores[0].textEdit.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } });
  } finally {
    await client.close();
  }
});

test('section snippets only for clients with snippet support', async () => {
  const client = await startClient();
  try {
    const uri = pathToFileURL(join(tmpRoot(), 'datastore.cfg')).href;
    await client.open(uri, '\n');
    const items = ((await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } })) as { items: CompletionReply[] }).items;
    assert.deepEqual(items.map((i) => i.label), ['datastore']);
  } finally {
    await client.close();
  }
});
