// The web language server (dist/web/server.js) as VS Code for the Web runs it: in a context with
// only a Web Worker's globals, spoken to over postMessage. Everything on open documents works as
// on the Node server; the commands that need a disk are not offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { PICTURE_COMMAND_IDS, PORTABLE_TOOL_COMMANDS } from '../../service/light.ts';
import { startWebServer, type WebWorkerServer } from '../helpers/web-worker.ts';

const ROOT = 'vscode-vfs://github/example/pbs-config/etc/proxmox-backup';
const DATASTORE = `${ROOT}/datastore.cfg`;
const SYNC = `${ROOT}/sync.cfg`;

interface Session {
  server: WebWorkerServer;
  capabilities: Record<string, unknown>;
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** A started, initialized web server with push diagnostics (the test waits for what it expects). */
async function webSession(initializationOptions?: unknown, answer: Record<string, (params: never) => unknown> = {}): Promise<Session> {
  const server = startWebServer();
  const c = server.connection;
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Set<() => void>();
  c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  for (const [method, handler] of Object.entries(answer)) c.onRequest(method, handler);
  const init = (await c.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: [{ uri: 'vscode-vfs://github/example/pbs-config', name: 'pbs-config' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    initializationOptions,
  })) as { capabilities: Record<string, unknown> };
  await c.sendNotification('initialized', {});
  return {
    server,
    capabilities: init.capabilities,
    diagnostics(uri, predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const p = latest.get(uri);
          if (p && predicate(p)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(p);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri))}; worker log: ${server.logs.join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async open(uri, text) {
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pbs-config', version: 1, text } });
    },
    async close() {
      await c.sendRequest('shutdown');
      server.dispose();
    },
  };
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

test('the worker has no Node, and the server offers only the commands that work without a disk', async () => {
  const s = await webSession();
  try {
    assert.equal(s.server.evaluate('typeof process'), 'undefined');
    assert.equal(s.server.evaluate('typeof require'), 'undefined');
    assert.equal(s.server.evaluate('typeof Buffer'), 'undefined');
    assert.deepEqual((s.capabilities.executeCommandProvider as { commands: string[] }).commands, [...PORTABLE_TOOL_COMMANDS, ...PICTURE_COMMAND_IDS]);
    for (const provider of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'codeActionProvider', 'documentFormattingProvider', 'inlayHintProvider', 'codeLensProvider']) {
      assert.ok(s.capabilities[provider], provider);
    }
    await assert.rejects(s.server.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.sha256', arguments: ['/etc/passwd'] }), /unknown command 'pbs.server.sha256'/);
  } finally {
    await s.close();
  }
});

test('open documents: cross-file diagnostics, hover, completion, rename, formatting and commands', async () => {
  const s = await webSession();
  const c = s.server.connection;
  try {
    await s.open(DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n');
    await s.open(SYNC, 'sync: job1\n\tremote-store store1\n\tstore store2\n\tschedule mon..fri 02:30\n');
    const unresolved = await s.diagnostics(SYNC, (p) => codes(p).includes('unresolved-reference'));
    assert.match(unresolved.diagnostics.find((d) => d.code === 'unresolved-reference')!.message, /store2/);
    await c.sendNotification('textDocument/didChange', {
      textDocument: { uri: DATASTORE, version: 2 },
      contentChanges: [{ text: 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n' }],
    });
    await s.diagnostics(SYNC, (p) => !codes(p).includes('unresolved-reference'));

    const hover = (await c.sendRequest('textDocument/hover', { textDocument: { uri: SYNC }, position: { line: 3, character: 12 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Monday to Friday|mon\.\.fri/i);

    const completion = (await c.sendRequest('textDocument/completion', { textDocument: { uri: SYNC }, position: { line: 2, character: 7 } })) as { items: { label: string }[] } | { label: string }[];
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    assert.ok(labels.includes('store1') && labels.includes('store2'), labels.join(', '));

    const rename = (await c.sendRequest('textDocument/rename', { textDocument: { uri: DATASTORE }, position: { line: 3, character: 13 }, newName: 'store3' })) as { changes: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(rename.changes).sort(), [DATASTORE, SYNC]);

    const edits = (await c.sendRequest('textDocument/formatting', { textDocument: { uri: DATASTORE }, options: { tabSize: 8, insertSpaces: false } })) as unknown[];
    assert.ok(Array.isArray(edits));

    const runs = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.nextRuns', arguments: ['sat 03:00', 2, '2026-11-24T00:00:00Z'] })) as { runs: { utc: string }[] };
    assert.equal(runs.runs.length, 2);
    const calendar = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: SYNC, from: '2026-11-24T00:00', zone: 'UTC' }] })) as { svg: string; summary: string[] };
    assert.match(calendar.svg, /^<svg/);
    assert.ok(calendar.summary.some((l) => /job1/.test(l)), calendar.summary.join('\n'));
  } finally {
    await s.close();
  }
});
