// Formatting to PBS's own layout: what changes, what never changes, and idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileKindByName, fileKindOfPath } from '../../../schema/file-kinds.ts';
import { problemsOf } from '../../../service/diagnostics.ts';
import { formatFile, onTypeFormat, type TextEditOffsets } from '../../../service/formatting.ts';
import { Workspace } from '../../../service/workspace.ts';
import { openAs } from '../../helpers/workspace.ts';

function apply(text: string, edits: TextEditOffsets[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function fmt(kind: string, text: string, range?: { start: number; end: number }): string {
  const file = openAs(kind, text);
  return apply(text, formatFile(file, range));
}

test('headers, indentation, key order, blank lines and the final newline become what PBS writes', () => {
  const messy = '\n\nprune:   job1  \n    store store1\n  schedule   daily\n\tkeep-last 3\n\n\n\n  \nprune: job2\n\tstore s2\n\tschedule weekly\n\n\n';
  assert.equal(
    fmt('prune.cfg', messy),
    'prune: job1\n\tkeep-last 3\n\tschedule daily\n\tstore store1\n\nprune: job2\n\tschedule weekly\n\tstore s2\n',
  );
});

test('list keys keep their order; empty values keep the blank PBS needs; values are untouched', () => {
  const text = 'sync: job1\n\tstore s1\n\tgroup-filter type:vm\n\tcomment \n\tgroup-filter type:ct\n\trate-in 10MB\n\tremote-store s2\n';
  assert.equal(
    fmt('sync.cfg', text),
    'sync: job1\n\tcomment \n\tgroup-filter type:vm\n\tgroup-filter type:ct\n\trate-in 10MB\n\tremote-store s2\n\tstore s1\n',
  );
});

test('a section with a syntax error is left exactly as it is', () => {
  const text = 'datastore: a1\n    path /x\n# a comment PBS refuses\n\tcomment  x\n';
  assert.equal(fmt('datastore.cfg', text), text);
});

test('range formatting touches only the sections in the range', () => {
  const text = 'prune: job1\n  store s1\n  schedule daily\n\nprune: job2\n  store s2\n  schedule daily\n';
  const second = text.indexOf('prune: job2');
  assert.equal(fmt('prune.cfg', text, { start: second, end: second + 3 }), 'prune: job1\n  store s1\n  schedule daily\n\nprune: job2\n\tschedule daily\n\tstore s2\n');
});

test('every example file: formatting is idempotent and changes no diagnostic but positions', () => {
  for (const tree of ['examples/etc-proxmox-backup', 'examples/broken']) {
    for (const name of readdirSync(tree)) {
      const kind = fileKindOfPath(`${tree}/${name}`);
      if (!kind || kind.family !== 'section-config') continue;
      const text = readFileSync(`${tree}/${name}`, 'utf8');
      const ws = new Workspace();
      const before = ws.set(`/a/${name}`, kind, text);
      const once = apply(text, formatFile(before));
      const after = ws.set(`/b/${name}`, kind, once);
      assert.equal(apply(once, formatFile(after)), once, `${tree}/${name} not idempotent`);
      const codes = (f: typeof before) => problemsOf(f, ws).map((p) => `${p.severity} ${p.code}`).sort();
      assert.deepEqual(codes(after), codes(before), `${tree}/${name} changed meaning`);
      if (tree.endsWith('etc-proxmox-backup')) assert.equal(once, text, `${name} is already in PBS layout`);
    }
  }
});

test('on type: a newline after a header or a property line starts with a TAB', () => {
  const ws = new Workspace();
  const kind = fileKindByName('datastore.cfg')!;
  const afterHeader = 'datastore: s1\n';
  const file = ws.set('/x/datastore.cfg', kind, afterHeader);
  assert.deepEqual(onTypeFormat(file, afterHeader.length, '\n'), { start: afterHeader.length, end: afterHeader.length, newText: '\t' });
  const afterProp = ws.set('/x/datastore.cfg', kind, 'datastore: s1\n\tpath /x\n');
  assert.ok(onTypeFormat(afterProp, afterProp.text.length, '\n'));
  const afterBlank = ws.set('/x/datastore.cfg', kind, 'datastore: s1\n\tpath /x\n\n');
  assert.equal(onTypeFormat(afterBlank, afterBlank.text.length, '\n'), undefined);
  assert.equal(onTypeFormat(afterBlank, 3, 'x'), undefined);
});

test('a lone CR ending the file stays part of its line: no final newline joins it into a CRLF (found by fuzzing)', () => {
  // `\tp\r` is key 'p' with an empty value for PBS; `\tp\r\n` would be a key with no blank after it
  const broken = 'datastore: store1\nnot indented\n\tpath /x\n\tp\r';
  assert.equal(fmt('datastore.cfg', broken), broken);
  // where the section is rewritten anyway, the CR goes with it and the final newline is added
  assert.equal(fmt('datastore.cfg', 'datastore: store1\n\tpath /x\r'), 'datastore: store1\n\tpath /x\n');
});
