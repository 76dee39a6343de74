// The language server over stdio, as an editor drives it: initialize, open, incremental change,
// push and pull diagnostics, cross-file revalidation (open and on-disk files), bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { SERVER_PATH, codes, startClient } from '../helpers/lsp.ts';

const PRUNE = 'prune: daily-prune\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n';

function tmpRoot(): string {
  return mkdtempSync(join(tmpdir(), 'pbs-lsp-'));
}

test('initialize declares incremental sync and pull diagnostics statically', async () => {
  const client = await startClient();
  try {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'pbs', interFileDependencies: true, workspaceDiagnostics: true });
    assert.equal(client.initializeResult.serverInfo?.name, 'pbs-language-server');
  } finally {
    await client.close();
  }
  const version = spawnSync(process.execPath, [SERVER_PATH, '--version']);
  assert.match(version.stdout.toString(), /^pbs-language-server \d+\.\d+\.\d+/);
});

test('didOpen pushes diagnostics at the exact range; an incremental edit clears them', async () => {
  const client = await startClient();
  try {
    const uri = pathToFileURL(join(tmpRoot(), 'prune.cfg')).href;
    const first = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.open(uri, PRUNE);
    const pushed = await first;
    const d = pushed.diagnostics.find((x) => x.code === 'out-of-range');
    assert.ok(d, JSON.stringify(pushed.diagnostics));
    assert.deepEqual(d.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } });
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'pbs');
    assert.match(d.message, /keep-last/);

    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } }, text: '3' }],
    });
    assert.equal((await cleared).version, 2);
  } finally {
    await client.close();
  }
});

test('a client with pull diagnostics gets them from textDocument/diagnostic', async () => {
  const client = await startClient({ pull: true });
  try {
    const uri = pathToFileURL(join(tmpRoot(), 'prune.cfg')).href;
    await client.open(uri, PRUNE);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
      kind: string;
      items: { code: string }[];
    };
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((i) => i.code), ['out-of-range']);
  } finally {
    await client.close();
  }
});

test('a reference to a datastore resolves against the open datastore.cfg and is revalidated when it changes', async () => {
  const client = await startClient();
  try {
    const root = tmpRoot();
    const ds = pathToFileURL(join(root, 'datastore.cfg')).href;
    const sync = pathToFileURL(join(root, 'sync.cfg')).href;
    await client.open(ds, 'datastore: store1\n\tpath /mnt/store1\n');
    const unresolved = client.nextDiagnostics(sync, (p) => codes(p.diagnostics).includes('unresolved-reference'));
    await client.open(sync, 'sync: job1\n\tremote-store store1\n\tstore store2\n');
    const u = (await unresolved).diagnostics.find((x) => x.code === 'unresolved-reference')!;
    assert.equal(u.range.start.line, 2);
    assert.match(u.message, /store2/);

    const resolved = client.nextDiagnostics(sync, (p) => !codes(p.diagnostics).includes('unresolved-reference'));
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: ds, version: 2 },
      contentChanges: [{ text: 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n' }],
    });
    await resolved;
  } finally {
    await client.close();
  }
});

test('files on disk beside an open file are read, and re-read on didChangeWatchedFiles', async () => {
  const client = await startClient();
  try {
    const root = tmpRoot();
    writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n');
    const sync = pathToFileURL(join(root, 'sync.cfg')).href;
    const withError = client.nextDiagnostics(sync, (p) => codes(p.diagnostics).includes('unresolved-reference'));
    await client.open(sync, 'sync: job1\n\tremote-store store1\n\tstore store9\n');
    await withError;

    writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store9\n\tpath /mnt/store9\n');
    const fixed = client.nextDiagnostics(sync, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(root, 'datastore.cfg')).href, type: 2 }],
    });
    await fixed;
  } finally {
    await client.close();
  }
});

test('the server survives hostile text and keeps serving', async () => {
  const client = await startClient();
  try {
    const root = tmpRoot();
    const nasty = [
      '\u0000\u0001\uFFFD binary \u0007\n\tkey',
      '\uFEFFdatastore: store1\r\n\tpath /x\r\n',
      'datastore: ' + 'x'.repeat(10 * 1024 * 1024),
      '\n'.repeat(50_000),
      'datastore: s1\n\tmaintenance-mode type="unterminated\n\ttuning "a\\q"',
      'sync: \r\r\r\n\t\t\t \n:\n',
    ];
    for (const [i, text] of nasty.entries()) {
      await client.open(pathToFileURL(join(root, `${i}`, i % 2 ? 'datastore.cfg' : 'sync.cfg')).href, text);
    }
    // Still answering: a fresh document gets its diagnostics.
    const uri = pathToFileURL(join(root, 'ok', 'prune.cfg')).href;
    const p = client.nextDiagnostics(uri, () => true, 30_000);
    await client.open(uri, PRUNE);
    assert.deepEqual(codes((await p).diagnostics), ['out-of-range']);
    assert.equal(client.process.exitCode, null);
  } finally {
    await client.close();
  }
});

test('the server refuses to start without a transport, and prints help', () => {
  const none = spawnSync(process.execPath, [SERVER_PATH]);
  assert.equal(none.status, 2);
  assert.match(none.stderr.toString(), /--stdio/);
  const help = spawnSync(process.execPath, [SERVER_PATH, '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout.toString(), /--node-ipc/);
});
