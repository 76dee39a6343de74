// LSP's Content-Length framing read bounded: every framing error is reported (with the JSON-RPC
// code to answer it with) and reading goes on at the next header; nothing waits forever or
// buffers what a bad length announces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ErrorCodes } from 'vscode-languageserver/node.js';
import { BoundedMessageReader, FramingError } from '../../../server/message-reader.ts';

function frame(body: string, length = Buffer.byteLength(body)): string {
  return `Content-Length: ${length}\r\n\r\n${body}`;
}

const msg = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'm' });

function reader(limits = { maxMessageBytes: 1 << 20, stallMs: 100 }) {
  const input = new PassThrough();
  const r = new BoundedMessageReader(input, limits);
  const got: (number | string)[] = [];
  r.onError((e) => got.push(e instanceof FramingError ? `error ${e.code}` : `other ${e.message}`));
  r.listen((m) => got.push((m as unknown as { id: number }).id));
  return { reader: r, got, send: (s: string | Buffer) => input.write(s) };
}

const PARSE = `error ${ErrorCodes.ParseError}`;
const settle = () => new Promise((r) => setImmediate(r));

test('messages in any chunking are read whole, in order', async () => {
  const { send, got } = reader();
  const all = Buffer.from(frame(msg(1)) + frame(msg(2)) + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n` + frame(msg(3)));
  for (let i = 0; i < all.length; i += 7) send(all.subarray(i, i + 7));
  await settle();
  assert.deepEqual(got, [1, 2, 3]);
});

test('a body that is not JSON, or not an object, is an error; the next message is read', async () => {
  const { send, got } = reader();
  send(frame('{"jsonrpc":"2.0","id":9,"method":"m","params":{"x":nul') + frame('[1,2]') + frame(msg(1)));
  await settle();
  assert.deepEqual(got, [PARSE, `error ${ErrorCodes.InvalidRequest}`, 1]);
});

test('a Content-Length longer than the body: the next header ends it, at once or when the body fills up', async () => {
  const short = reader();
  short.send(frame('{"id":1}', 500) + frame(msg(2)));
  await settle();
  assert.deepEqual(short.got, [PARSE, 2]);
  // the announced length takes in part of the next message: read on from its header
  const long = reader();
  long.send(frame('{"id":1}', 30) + frame(msg(2)) + frame(msg(3)));
  await settle();
  assert.deepEqual(long.got, [PARSE, 2, 3]);
});

test('bad lengths are errors and the bytes after them are skipped up to the next header', async () => {
  for (const length of ['-5', 'abc', '1e3', '99999999999999999999', String(10 ** 12), '']) {
    const { send, got } = reader();
    send(`Content-Length: ${length}\r\n\r\n${'x'.repeat(300)}{"also":"skipped"}`);
    send(frame(msg(7)));
    await settle();
    assert.deepEqual(got, [PARSE, 7], `Content-Length: ${length}`);
  }
  const noLength = reader();
  noLength.send(`Content-Type: x\r\n\r\n${msg(1)}` + frame(msg(2)));
  await settle();
  assert.deepEqual(noLength.got, [PARSE, 2]);
});

test('a header that never ends is an error after 1 KiB, and garbage is skipped without being kept', async () => {
  const { send, got, reader: r } = reader();
  send('x'.repeat(5000));
  for (let i = 0; i < 100; i++) send('garbage without any header '.repeat(100));
  await settle();
  assert.ok(r.bufferedBytes < 100, `${r.bufferedBytes} bytes of garbage kept`);
  send(frame(msg(4)));
  await settle();
  assert.deepEqual(got, [PARSE, 4]);
  assert.equal(r.bufferedBytes, 0);
});

test('a message that stops coming is dropped after stallMs; a later message is read', async () => {
  const { send, got } = reader();
  send(frame('{"id":1,', 100));
  await new Promise((r) => setTimeout(r, 250));
  assert.deepEqual(got, [PARSE]);
  send(frame(msg(2)));
  await settle();
  assert.deepEqual(got, [PARSE, 2]);
});

test('a message above maxMessageBytes is refused without being buffered; the next one is read', async () => {
  const { send, got } = reader({ maxMessageBytes: 1000, stallMs: 1000 });
  const big = msg(1).replace('"m"', `"${'m'.repeat(5000)}"`);
  send(frame(big));
  send(frame(msg(2)));
  await settle();
  assert.deepEqual(got, [PARSE, 2]);
});
