// Go to definition and find references across the files of one configuration folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { definitionAt, referencesAt } from '../../../service/definition.ts';
import { openAs, pbsTree, openAlone } from '../../helpers/workspace.ts';

const FILES: Record<string, string> = {
  'datastore.cfg': 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n',
  'sync.cfg': 'sync: job1\n\tremote-store store2\n\tstore store1\n',
  'prune.cfg': 'prune: daily\n\tschedule daily\n\tstore store1\n',
  'acl.cfg': 'acl:1:/datastore/store1:admin@pbs:DatastoreAdmin\n',
  'user.cfg': 'user: admin@pbs\n\tenable true\n',
};

function workspace(root = '/etc/proxmox-backup') {
  const ws = pbsTree(FILES, root);
  return ws;
}

const at = (text: string, needle: string) => text.indexOf(needle) + 1;

test('from a job\'s store to the datastore section', () => {
  const ws = workspace();
  const sync = ws.get('/etc/proxmox-backup/sync.cfg')!;
  const [loc] = definitionAt(sync, ws, at(sync.text, 'store1'));
  assert.equal(loc.path, '/etc/proxmox-backup/datastore.cfg');
  assert.equal(FILES['datastore.cfg'].slice(loc.start, loc.end), 'store1');
  // A local sync's remote-store is a datastore too.
  const [local] = definitionAt(sync, ws, at(sync.text, 'store2'));
  assert.equal(FILES['datastore.cfg'].slice(local.start, local.end), 'store2');
});

test('from an ACL entry to the user and to the datastore its path names', () => {
  const ws = workspace();
  const acl = ws.get('/etc/proxmox-backup/acl.cfg')!;
  const [user] = definitionAt(acl, ws, at(acl.text, 'admin@pbs'));
  assert.equal(user.path, '/etc/proxmox-backup/user.cfg');
  const [store] = definitionAt(acl, ws, at(acl.text, 'store1'));
  assert.equal(store.path, '/etc/proxmox-backup/datastore.cfg');
});

test('references of a datastore: its section, the jobs and the ACL path; nothing from another folder', () => {
  const ws = workspace();
  for (const [name, text] of Object.entries(FILES)) ws.set(`/other/${name}`, fileKindByName(name)!, text);
  const ds = ws.get('/etc/proxmox-backup/datastore.cfg')!;
  const refs = referencesAt(ds, ws, at(ds.text, 'store1'), true);
  assert.deepEqual(refs.map((r) => r.path.split('/').pop()).sort(), ['acl.cfg', 'datastore.cfg', 'prune.cfg', 'sync.cfg']);
  assert.equal(referencesAt(ds, ws, at(ds.text, 'store1'), false).length, 3);
});

test('nothing under the cursor, unknown names and hostile offsets give nothing', () => {
  const ws = workspace();
  const sync = ws.get('/etc/proxmox-backup/sync.cfg')!;
  assert.deepEqual(definitionAt(sync, ws, 0), []);
  const broken = openAs('sync.cfg', 'sync: job1\n\tstore nowhere\n', ws);
  assert.deepEqual(definitionAt(broken, ws, at(broken.text, 'nowhere')), []);
  for (const o of [-5, 1e9, broken.text.length]) {
    definitionAt(broken, ws, o);
    referencesAt(broken, ws, o, true);
  }
});

test('document highlight: the id under the cursor in this file, written where defined, read where named', async () => {
  const { highlightsAt } = await import('../../../service/definition.ts');
  const { ws, file: tape } = openAlone('tape.cfg', 'changer: sl3\n\tpath /dev/sg1\n\nlto: drive1\n\tchanger sl3\n\tpath /dev/nst0\n');
  const hl = highlightsAt(tape, ws, tape.text.indexOf('sl3') + 1);
  assert.deepEqual(hl.map((h) => [tape.text.slice(h.start, h.end), h.kind]), [['sl3', 'write'], ['sl3', 'read']]);
});

test('an id given to several sections: the definition is each of them, in file order', () => {
  const ws = pbsTree({
    ...FILES,
    'datastore.cfg': 'datastore: store1\n\tpath /a\n\ndatastore: store2\n\tpath /b\n\ndatastore: store1\n\tpath /c\n',
    'user.cfg': 'user: admin@pbs\n\tenable true\n\ntoken: admin@pbs!t\n\tenable true\n\nuser: admin@pbs\n\tenable false\n',
  });
  const sync = ws.get('/etc/proxmox-backup/sync.cfg')!;
  const ds = ws.get('/etc/proxmox-backup/datastore.cfg')!.text;
  const locs = definitionAt(sync, ws, at(sync.text, 'store1'));
  assert.deepEqual(locs.map((l) => l.start), [ds.indexOf('store1'), ds.lastIndexOf('store1')]);
  assert.equal(definitionAt(sync, ws, at(sync.text, 'store2')).length, 1);
  const acl = ws.get('/etc/proxmox-backup/acl.cfg')!;
  const users = ws.get('/etc/proxmox-backup/user.cfg')!.text;
  assert.deepEqual(definitionAt(acl, ws, at(acl.text, 'admin@pbs')).map((l) => l.start), [users.indexOf('admin@pbs'), users.lastIndexOf('admin@pbs')]);
});
