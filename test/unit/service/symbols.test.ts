// The outline and folding of PBS files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, foldingRanges } from '../../../service/symbols.ts';
import { Workspace } from '../../../service/workspace.ts';
import { openAs } from '../../helpers/workspace.ts';

function file(kind: string, text: string) {
  return openAs(kind, text);
}

test('section-config: one symbol per section, its properties as children, the id selected', () => {
  const text = 'datastore: store1\n\tpath /mnt/a\n\tcomment main\n\ndatastore: store2\n\tpath /mnt/b\n';
  const symbols = documentSymbols(file('datastore.cfg', text));
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail, s.kind, text.slice(s.selectionStart, s.selectionEnd), s.children.map((c) => `${c.name}=${c.detail}`)]),
    [
      ['store1', 'datastore', 'section', 'store1', ['path=/mnt/a', 'comment=main']],
      ['store2', 'datastore', 'section', 'store2', ['path=/mnt/b']],
    ],
  );
  assert.equal(text.slice(symbols[0].start, symbols[0].end), 'datastore: store1\n\tpath /mnt/a\n\tcomment main');
});

test('acl.cfg: entries grouped under their path', () => {
  const text = 'acl:1:/datastore/store1:backup@pbs:DatastoreBackup\nacl:0:/:admin@pbs:Admin\nacl:1:/datastore/store1:ops@pbs,@team:DatastoreAudit,DatastoreReader\n';
  const symbols = documentSymbols(file('acl.cfg', text));
  assert.deepEqual(
    symbols.map((s) => [s.name, s.children.map((c) => `${c.name}: ${c.detail}`)]),
    [
      ['/datastore/store1', ['backup@pbs: DatastoreBackup (propagates)', 'ops@pbs, @team: DatastoreAudit, DatastoreReader (propagates)']],
      ['/', ['admin@pbs: Admin']],
    ],
  );
});

test('node.cfg settings, and its description block folds', () => {
  const text = '#Backup server in rack 3\n#owned by ops\nemail-from: pbs@example.com\ndefault-lang: en\n';
  const f = file('node.cfg', text);
  assert.deepEqual(documentSymbols(f).map((s) => `${s.name}=${s.detail}`), ['email-from=pbs@example.com', 'default-lang=en']);
  const [fold] = foldingRanges(f);
  assert.equal(fold.kind, 'comment');
  assert.equal(text.slice(fold.start, fold.end), 'Backup server in rack 3\n#owned by ops');
});

test('sections fold; header-only sections and JSON files give nothing; broken text never throws', () => {
  const f = file('acme/plugins.cfg', 'standalone: standalone\n\ndns: cf\n\tapi cf\n\tdata Q0ZfVE9LRU49eHl6\n');
  assert.equal(foldingRanges(f).length, 1);
  assert.deepEqual(documentSymbols(file('token.shadow', '{}')), []);
  for (const junk of ['\u0000\n\t\t:\n', 'a:\n\tb\nc', ':::\n\n\t', '\uFEFF#x\n\tk']) {
    documentSymbols(file('sync.cfg', junk));
    foldingRanges(file('sync.cfg', junk));
  }
});

test('workspace symbols: section ids of every file whose id holds the query in order', async () => {
  const { workspaceSymbols } = await import('../../../service/symbols.ts');
  const ws = new Workspace();
  openAs('datastore.cfg', 'datastore: vmstore\n\tpath /a\n\ndatastore: archive\n\tpath /b\n', ws);
  openAs('sync.cfg', 'sync: vm-pull\n\tremote-store x11\n\tstore vmstore\n', ws);
  assert.deepEqual(workspaceSymbols(ws, 'vm').map((s) => `${s.name} (${s.detail})`).sort(), ['vm-pull (sync — sync.cfg)', 'vmstore (datastore — datastore.cfg)']);
  assert.deepEqual(workspaceSymbols(ws, 'ARC').map((s) => s.name), ['archive']);
  assert.equal(workspaceSymbols(ws, '').length, 3);
  assert.equal(workspaceSymbols(ws, '', 2).length, 2);
});
