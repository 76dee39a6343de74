// LSP's lifecycle for every transport: requests before initialize are ServerNotInitialized,
// notifications before it dropped (exit aside), a second initialize and requests after shutdown
// InvalidRequest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, type Message } from 'vscode-languageserver/node.js';
import { Lifecycle } from '../../../server/lifecycle.ts';

function gate() {
  const lifecycle = new Lifecycle();
  const passed: { method?: string; params?: unknown }[] = [];
  const send = (m: object) => lifecycle.options.messageStrategy!.handleMessage({ jsonrpc: '2.0', ...m } as Message, (x) => passed.push(x as never));
  return { passed, send };
}

test('before initialize: requests are refused with ServerNotInitialized, notifications dropped, exit passes', () => {
  const { passed, send } = gate();
  const error = console.error;
  console.error = () => {};
  try {
    send({ id: 1, method: 'workspace/executeCommand', params: { command: 'pbs.server.sha256', arguments: ['/etc/passwd'] } });
    send({ method: 'textDocument/didOpen', params: {} });
    send({ method: 'exit' });
  } finally {
    console.error = error;
  }
  assert.equal(passed.length, 2);
  assert.equal(passed[0].method, '$/pbs/refused');
  assert.deepEqual(passed[0].params, { code: ErrorCodes.ServerNotInitialized, message: 'the server is not initialized: send initialize before workspace/executeCommand' });
  assert.equal(passed[1].method, 'exit');
});

test('after initialize everything passes; a second initialize and requests after shutdown are InvalidRequest', () => {
  const { passed, send } = gate();
  send({ id: 1, method: 'initialize', params: {} });
  send({ method: 'initialized', params: {} });
  send({ id: 2, method: 'textDocument/hover', params: {} });
  send({ id: 3, method: 'initialize', params: {} });
  send({ id: 4, method: 'shutdown' });
  send({ id: 5, method: 'textDocument/hover', params: {} });
  send({ id: 6, result: null }); // a response to a request of the server's
  assert.deepEqual(
    passed.map((m) => m.method ?? 'response'),
    ['initialize', 'initialized', 'textDocument/hover', '$/pbs/refused', 'shutdown', '$/pbs/refused', 'response'],
  );
  assert.equal((passed[3].params as { code: number }).code, ErrorCodes.InvalidRequest);
  assert.match((passed[5].params as { message: string }).message, /shutting down/);
});
