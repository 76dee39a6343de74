// The one wrapper of every request handler: params checked (InvalidParams naming the field),
// cancellation honoured (RequestCancelled, an AbortSignal for long work), a bug logged and
// answered InternalError — or the quiet answer of a request the editor sends on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
import { request } from '../../../server/request.ts';
import { positionParams } from '../../../server/params.ts';

const GOOD = { textDocument: { uri: 'file:///x/datastore.cfg' }, position: { line: 1, character: 2 } };

async function code(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ResponseError, String(err));
    return err.code;
  }
  assert.fail('expected an error response');
}

function quietly<T>(run: () => Promise<T>): Promise<T> {
  const error = console.error;
  console.error = () => {};
  return run().finally(() => (console.error = error));
}

test('the handler gets the checked params; malformed params are InvalidParams', async () => {
  const handler = request('hover', positionParams, (p) => p.position.line);
  assert.equal(await handler(GOOD, new CancellationTokenSource().token), 1);
  const bad = handler({ textDocument: { uri: 7 } } as never, new CancellationTokenSource().token);
  await assert.rejects(bad, (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && /hover: params\.textDocument\.uri must be a string, got 7/.test(e.message));
});

test('a cancelled request is RequestCancelled, also when its long work throws an AbortError', async () => {
  const source = new CancellationTokenSource();
  source.cancel();
  assert.equal(await code(request('hover', positionParams, () => 1)(GOOD, source.token)), LSPErrorCodes.RequestCancelled);
  const later = new CancellationTokenSource();
  const long = request('sha256', positionParams, async (_p, scope) => {
    await new Promise((_resolve, reject) => scope.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  })(GOOD, later.token);
  setTimeout(() => later.cancel(), 10);
  assert.equal(await code(long), LSPErrorCodes.RequestCancelled);
});

test('a bug is InternalError, or the quiet answer; a ResponseError goes out as it is', async () => {
  const boom = () => {
    throw new TypeError('x is undefined');
  };
  const token = new CancellationTokenSource().token;
  assert.equal(await quietly(() => code(request('rename', positionParams, boom)(GOOD, token))), ErrorCodes.InternalError);
  assert.equal(await quietly(() => request('hover', positionParams, boom, { quiet: { answer: null } })(GOOD, token)), null);
  const refused = request('rename', positionParams, () => {
    throw new ResponseError(ErrorCodes.InvalidRequest, 'cannot rename a built-in');
  });
  assert.equal(await code(refused(GOOD, token)), ErrorCodes.InvalidRequest);
});

test('breathe lets other work in during a long request and stops it when cancelled', async () => {
  const source = new CancellationTokenSource();
  let other = false;
  setImmediate(() => (other = true));
  const long = request('workspace diagnostics', positionParams, async (_p, scope) => {
    const until = performance.now() + 60;
    while (performance.now() < until) await scope.breathe();
    assert.ok(other, 'no other work ran during 60 ms of breathing');
    source.cancel();
    for (;;) await scope.breathe();
  })(GOOD, source.token);
  assert.equal(await code(long), LSPErrorCodes.RequestCancelled);
});

test('a wait on shared work ends at once when the client cancels; the work goes on, and a result in time is passed on', async () => {
  const source = new CancellationTokenSource();
  let finish!: (v: string) => void;
  const shared = new Promise<string>((resolve) => (finish = resolve));
  const waiting = request('hover', positionParams, (_p, scope) => scope.untilCancelled(shared))(GOOD, source.token);
  setTimeout(() => source.cancel(), 10);
  assert.equal(await code(waiting), LSPErrorCodes.RequestCancelled);
  finish('done');
  assert.equal(await shared, 'done');
  assert.equal(await request('hover', positionParams, (_p, scope) => scope.untilCancelled(Promise.resolve(7)))(GOOD, new CancellationTokenSource().token), 7);
  await assert.rejects(request('hover', positionParams, (_p, scope) => scope.untilCancelled(Promise.reject(new ResponseError(1, 'no'))))(GOOD, new CancellationTokenSource().token), /no/);
});
