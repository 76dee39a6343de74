// The other two transports: --socket=PORT (the server connects to a client listening on
// 127.0.0.1) and --node-ipc (VS Code's way). Both answer initialize and publish diagnostics, from
// both entries: `pbs-language-server` (dist/language-server.cjs, from the build's code cache) and
// VS Code's (dist/server.js, ES modules), which also speaks --stdio as the other tests' entry does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ESM_SERVER_PATH, SERVER_PATH, startClient } from '../helpers/lsp.ts';

const URI = 'file:///nonexistent/pbs-transport/prune.cfg';
const TEXT = 'prune: daily-prune\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n';

/** Rejects when the server process ends before the exchange does (e.g. dist/ not built), so that a test fails instead of waiting forever. */
function exited(child: ChildProcess): Promise<never> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before the exchange ended: ${stderr.slice(0, 500)}`))),
  );
}

const OPTIONS = { timeout: 30_000 };
function built(entry: string): void {
  assert.ok(existsSync(entry), `${entry} is missing: run 'npm run build' first`);
}
const ENTRIES = [
  ['pbs-language-server', SERVER_PATH],
  ["VS Code's dist/server.js", ESM_SERVER_PATH],
] as const;

async function exercise(connection: MessageConnection): Promise<void> {
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => resolve(p)),
  );
  connection.listen();
  const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
    serverInfo: { name: string };
  };
  assert.equal(init.serverInfo.name, 'pbs-language-server');
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'pbs-config', version: 1, text: TEXT } });
  const p = await diagnostics;
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['out-of-range']);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
}

for (const [name, entry] of ENTRIES) {
  test(`${name}: --socket=PORT connects to the client and speaks LSP`, OPTIONS, async () => {
    built(entry);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const accepted = new Promise<import('node:net').Socket>((resolve) => server.once('connection', resolve));
    const child = spawn(process.execPath, [entry, `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const early = exited(child);
    early.catch(() => undefined);
    try {
      const socket = await Promise.race([accepted, early]);
      const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      await Promise.race([exercise(connection), early]);
      connection.dispose();
    } finally {
      child.kill();
      server.close();
    }
  });

  test(`${name}: --node-ipc speaks LSP over the Node IPC channel`, OPTIONS, async () => {
    built(entry);
    const child = fork(entry, ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const early = exited(child);
    early.catch(() => undefined);
    try {
      const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      await Promise.race([exercise(connection), early]);
      connection.dispose();
    } finally {
      child.kill();
    }
  });
}

test("VS Code's dist/server.js speaks --stdio too", OPTIONS, async () => {
  built(ESM_SERVER_PATH);
  const client = await startClient({ serverPath: ESM_SERVER_PATH });
  try {
    assert.equal(client.initializeResult.serverInfo?.name, 'pbs-language-server');
    await client.open(URI, TEXT);
    const p = await client.nextDiagnostics(URI);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['out-of-range']);
  } finally {
    await client.close();
  }
});
