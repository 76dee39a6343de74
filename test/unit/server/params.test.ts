// Request params are checked before a handler reads them; the message names the field and what
// it got.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParamsError, array, boolean, checkParams, object, optional, position, positionParams, string } from '../../../server/params.ts';

function message(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ParamsError, String(err));
    return err.message;
  }
  assert.fail('expected a ParamsError');
}

test('a well-formed params object is returned as it is, other fields kept', () => {
  const p = { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 3 }, workDoneToken: 'w' };
  assert.equal(checkParams(positionParams, p), p);
});

test('each way of being wrong names the field', () => {
  assert.equal(message(() => checkParams(positionParams, { textDocument: { uri: 'u' }, position: 'x' })), 'params.position must be an object, got "x"');
  assert.equal(message(() => checkParams(positionParams, { position: { line: 0, character: 0 } })), 'params.textDocument must be an object, got nothing');
  assert.equal(message(() => checkParams(positionParams, { textDocument: { uri: 42 }, position: { line: 0, character: 0 } })), 'params.textDocument.uri must be a string, got 42');
  assert.equal(message(() => checkParams(position, { line: -1, character: 0 })), 'params.line must be a whole number from 0 to 2147483647, got -1');
  assert.equal(message(() => checkParams(positionParams, null)), 'params must be an object, got null');
  assert.equal(message(() => checkParams(object({ xs: array(string, 2) }), { xs: ['a', 'b', 'c'] })), 'params.xs has 3 items, more than the 2 accepted');
  assert.equal(message(() => checkParams(object({ xs: array(string) }), { xs: ['a', 7] })), 'params.xs[1] must be a string, got 7');
  // a long value is shown cut, never whole
  assert.equal(message(() => checkParams(object({ on: boolean }), { on: 'x'.repeat(1000) })), `params.on must be true or false, got "${'x'.repeat(40)}…"`);
});

test('optional fields may be absent or null', () => {
  const check = object({ only: optional(array(string)) });
  assert.deepEqual(checkParams(check, {}), {});
  assert.deepEqual(checkParams(check, { only: null }), { only: null });
  assert.equal(message(() => checkParams(check, { only: 'quickfix' })), 'params.only must be an array, got "quickfix"');
});
