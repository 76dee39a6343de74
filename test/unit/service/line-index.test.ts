// Offsets ↔ positions with LSP's line rules: \n, \r\n and a lone \r all end a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../service/line-index.ts';

test('LF, CRLF and a lone CR each end a line', () => {
  const text = 'a\nbb\r\nccc\rd';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('d')), { line: 3, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('ccc') + 2), { line: 2, character: 2 });
  assert.deepEqual(lines.positionAt(text.length), { line: 3, character: 1 });
});

test('offsetAt clamps to the line and never lands inside a line break', () => {
  const text = 'ab\r\ncd';
  const lines = new LineIndex(text);
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
  assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
  assert.equal(lines.offsetAt({ line: -1, character: 3 }), 0);
});

test('a text built by concatenation (as an editor patches it) is indexed the same', () => {
  const base = 'x\n'.repeat(1000);
  const patched = base.slice(0, 500) + 'y\r\n' + base.slice(500);
  const flat = new LineIndex(patched);
  assert.equal(flat.lineCount, 1002);
  assert.deepEqual(flat.positionAt(patched.length - 1), { line: 1000, character: 1 });
});

test('positions past the end are clamped', () => {
  const lines = new LineIndex('');
  assert.equal(lines.lineCount, 1);
  assert.deepEqual(lines.positionAt(10), { line: 0, character: 0 });
  assert.deepEqual(lines.rangeOf({ start: -5, end: 3 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('read as far as asked: any order of questions gets the answers of a fully read index', () => {
  const pieces = ['a', 'bc', '\n', '\r\n', '\r', '\r\r\n', '\n\r', ''];
  let text = '';
  for (let i = 0; i < 3000; i++) text += pieces[(i * 7919) % pieces.length];
  const full = new LineIndex(text);
  const lines = full.lineCount;
  const expected = Array.from({ length: text.length + 1 }, (_, o) => full.positionAt(o));
  const lazy = new LineIndex(text);
  for (let k = 0; k < 4000; k++) {
    const o = (k * 104729) % (text.length + 1);
    assert.deepEqual(lazy.positionAt(o), expected[o], `offset ${o}`);
    const line = (k * 31) % (lines + 2);
    const fresh = new LineIndex(text);
    assert.equal(fresh.offsetAt({ line, character: k % 3 }), full.offsetAt({ line, character: k % 3 }), `line ${line}`);
  }
  assert.equal(lazy.lineCount, lines);
});
