// Hover and completion over stdio with the built server, as an editor drives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startClient } from '../helpers/lsp.ts';

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
