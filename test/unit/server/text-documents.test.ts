// The server's document store: incremental changes give the text the client has, also where a
// change joins or splits a '\r\n' (which vscode-languageserver-textdocument 1.0.12 alone miscounts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textDocuments, touchesCrLf } from '../../../server/text-documents.ts';

function edit(text: string, changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]) {
  const doc = textDocuments.create('file:///x/datastore.cfg', 'pbs-config', 1, text);
  return textDocuments.update(doc, changes, 2);
}

const at = (line: number, character: number) => ({ line, character });

test("a '\\r' typed before a '\\n' is one line break: the next change lands on the right line", () => {
  const doc = edit('a\nb\nc', [
    { range: { start: at(0, 1), end: at(0, 1) }, text: '\r' },
    { range: { start: at(1, 0), end: at(1, 0) }, text: 'X' },
  ]);
  assert.equal(doc.getText(), 'a\r\nXb\nc');
  assert.equal(doc.lineCount, 3);
  assert.equal(doc.version, 2);
});

test("deleting what sat between a '\\r' and a '\\n' joins them into one break", () => {
  const doc = edit('a\rz\nb', [
    { range: { start: at(1, 0), end: at(1, 1) }, text: '' },
    { range: { start: at(1, 0), end: at(1, 0) }, text: 'Y' },
  ]);
  assert.equal(doc.getText(), 'a\r\nYb');
  assert.equal(doc.lineCount, 2);
});

test('ordinary changes stay incremental and exact', () => {
  const doc = edit('datastore: store1\n\tpath /a\n', [
    { range: { start: at(1, 6), end: at(1, 8) }, text: '/mnt/b' },
    { range: { start: at(2, 0), end: at(2, 0) }, text: '\tcomment x\n' },
  ]);
  assert.equal(doc.getText(), 'datastore: store1\n\tpath /mnt/b\n\tcomment x\n');
});

test('touchesCrLf sees joins at both edges and nothing else', () => {
  assert.equal(touchesCrLf('a\nb', 1, 1, '\r'), true);
  assert.equal(touchesCrLf('a\rb', 2, 2, '\n'), true);
  assert.equal(touchesCrLf('a\rzz\nb', 2, 4, ''), true);
  assert.equal(touchesCrLf('a\nb', 1, 1, 'x'), false);
  assert.equal(touchesCrLf('abc', 0, 3, 'r\n'), false);
});
