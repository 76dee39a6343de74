// Smart selection grows from the member under the cursor to the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { selectionRangesAt } from '../../../service/selection.ts';
import { Workspace } from '../../../service/workspace.ts';
import { openAs } from '../../helpers/workspace.ts';

function spans(kind: string, text: string, needle: string): string[] {
  const file = openAs(kind, text);
  return selectionRangesAt(file, text.indexOf(needle) + 1).map((s) => text.slice(s.start, s.end));
}

test('property-string member value → member → value → line → section → file', () => {
  const text = 'datastore: s1\n\tpath /x\n\ttuning chunk-order=inode,sync-level=file\n';
  assert.deepEqual(spans('datastore.cfg', text, 'inode'), [
    'inode',
    'chunk-order=inode',
    'chunk-order=inode,sync-level=file',
    '\ttuning chunk-order=inode,sync-level=file',
    'datastore: s1\n\tpath /x\n\ttuning chunk-order=inode,sync-level=file',
    text,
  ]);
});

test('a header id, an acl role, a node.cfg key; hostile offsets give at least the file', () => {
  assert.deepEqual(spans('datastore.cfg', 'datastore: store1\n\tpath /x\n', 'store1').slice(0, 2), ['store1', 'datastore: store1']);
  assert.deepEqual(spans('acl.cfg', 'acl:1:/:admin@pbs:Admin,Audit\n', 'Audit').slice(0, 2), ['Audit', 'acl:1:/:admin@pbs:Admin,Audit']);
  assert.deepEqual(spans('node.cfg', 'email-from: a@example.com\n', 'email').slice(0, 2), ['email-from', 'email-from: a@example.com']);
  const file = new Workspace().set('/x/sync.cfg', fileKindByName('sync.cfg')!, '\u0000:\n\t\t');
  for (const o of [-1, 0, 2, 99]) assert.ok(selectionRangesAt(file, o).length <= 1);
});
