// Renaming a datastore, a user: every file of the folder follows; bad names and builtins refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRename, renameAt, type RenameEdit } from '../../../service/rename.ts';
import { Workspace } from '../../../service/workspace.ts';
import { openAs, pbsTree } from '../../helpers/workspace.ts';

const FILES: Record<string, string> = {
  'datastore.cfg': 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n',
  'sync.cfg': 'sync: job1\n\towner root@pam\n\tremote-store store2\n\tstore store1\n',
  'prune.cfg': 'prune: daily\n\tschedule daily\n\tstore store1\n',
  'acl.cfg': 'acl:1:/datastore/store1:admin@pbs,admin@pbs!ci:DatastoreAdmin\n',
  'user.cfg': 'user: admin@pbs\n\tenable true\n\ntoken: admin@pbs!ci\n\tenable true\n',
};

function setup() {
  const ws = pbsTree(FILES);
  return ws;
}

function applyAll(ws: Workspace, edits: RenameEdit[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name] of Object.entries(FILES)) {
    let text = ws.get(`/etc/proxmox-backup/${name}`)!.text;
    for (const e of edits.filter((x) => x.path.endsWith(`/${name}`)).sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out[name] = text;
  }
  return out;
}

test('renaming a datastore from a job renames the section, every job and the ACL path', () => {
  const ws = setup();
  const sync = ws.get('/etc/proxmox-backup/sync.cfg')!;
  const offset = sync.text.indexOf('store store1') + 8;
  assert.deepEqual(prepareRename(sync, ws, offset), { start: offset - 2, end: offset + 4, placeholder: 'store1' });
  const edits = renameAt(sync, ws, offset, 'vmstore');
  assert.ok(Array.isArray(edits));
  const after = applyAll(ws, edits);
  assert.match(after['datastore.cfg'], /^datastore: vmstore\n/);
  assert.match(after['sync.cfg'], /\tstore vmstore\n/);
  assert.match(after['sync.cfg'], /\tremote-store store2\n/);
  assert.match(after['prune.cfg'], /\tstore vmstore\n/);
  assert.match(after['acl.cfg'], /^acl:1:\/datastore\/vmstore:/);
});

test('renaming a user changes its tokens\' user part and the ACL entries', () => {
  const ws = setup();
  const user = ws.get('/etc/proxmox-backup/user.cfg')!;
  const edits = renameAt(user, ws, user.text.indexOf('admin@pbs') + 1, 'ops@pbs');
  assert.ok(Array.isArray(edits));
  const after = applyAll(ws, edits);
  assert.match(after['user.cfg'], /^user: ops@pbs\n/);
  assert.match(after['user.cfg'], /token: ops@pbs!ci\n/);
  assert.match(after['acl.cfg'], /:ops@pbs,ops@pbs!ci:/);
});

test('refusals: invalid or taken names, builtins, places that are no id', () => {
  const ws = setup();
  const ds = ws.get('/etc/proxmox-backup/datastore.cfg')!;
  const on = ds.text.indexOf('store1') + 1;
  assert.match((renameAt(ds, ws, on, 'x') as { error: string }).error, /not a valid datastore id/);
  assert.match((renameAt(ds, ws, on, 'store2') as { error: string }).error, /already has a section with the id 'store2'/);
  const sync = ws.get('/etc/proxmox-backup/sync.cfg')!;
  assert.match((prepareRename(sync, ws, sync.text.indexOf('root@pam') + 1) as { error: string }).error, /built into PBS/);
  assert.match((prepareRename(sync, ws, sync.text.indexOf('daily')) as { error: string }).error ?? '', /only a section id/);
  assert.match((prepareRename(ds, ws, ds.text.indexOf('/mnt')) as { error: string }).error, /only a section id/);
});

test('renaming the id of a section whose type PBS does not know is checked against no id rule (found by fuzzing)', () => {
  const ws = new Workspace();
  const text = 'r\tschedule mon..fri 02:00';
  const file = openAs('traffic-control.cfg', text, ws);
  const offset = text.length;
  const prep = prepareRename(file, ws, offset);
  if ('error' in prep) return assert.match(prep.error, /id/);
  assert.deepEqual(renameAt(file, ws, offset, `${prep.placeholder}2`), [{ path: file.path, start: prep.start, end: prep.end, newText: `${prep.placeholder}2` }]);
});
