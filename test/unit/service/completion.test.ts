// Completion, as an admin types: the cursor `<|>` written into the file, `<|…|>` the text an
// entry replaces, the expected entries inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { completionsAt, type CompletionEntry } from '../../../service/completion.ts';
import { Workspace } from '../../../service/workspace.ts';
import { completeAt, expectCompletions as expectAt } from '../../helpers/completion.ts';
import { marked } from '../../helpers/marked.ts';

const OTHERS: Record<string, string> = {
  'datastore.cfg': 'datastore: store1\n\tpath /mnt/datastore/store1\n\ndatastore: store2\n\tpath /mnt/datastore/store2\n',
  'user.cfg': 'user: admin@pbs\n\ntoken: admin@pbs!ci\n',
  'remote.cfg': 'remote: offsite\n\thost pbs.example.com\n\tauth-id sync@pbs\n\tpassword c2VjcmV0\n',
  'notifications.cfg': 'smtp: mail-relay\n\tserver mx.example.com\n\tfrom-address pbs@example.com\n',
};

/** The completions at the cursor, the other files of OTHERS beside it. */
const complete = (kind: string, src: string) => completeAt(kind, src, OTHERS);
/** The whole list of labels at the cursor, the other files of OTHERS beside it. */
const expectCompletions = (kind: string, src: string, expected: string[]) => expectAt(kind, src, expected, OTHERS);

const labels = (items: CompletionEntry[]) => items.map((i) => i.label);

test('at a header position: the section types of the file kind and snippets with their required keys', () => {
  const items = complete('datastore.cfg', 'datastore: a\n\tpath /x\n\n<|da<|>|>\n');
  assert.deepEqual(labels(items), ['datastore', 'datastore: …']);
  assert.equal(items[0].insertText, 'datastore: ');
  assert.deepEqual(
    { kind: items[1].kind, isSnippet: items[1].isSnippet, insertText: items[1].insertText },
    { kind: 'snippet', isSnippet: true, insertText: 'datastore: ${1:name}\n\tpath ${2:/mnt/datastore/…}\n' },
  );
});

test('a snippet offers an enum required key as a choice', () => {
  const webhook = complete('notifications.cfg', '<|<|>|>').find((i) => i.label === 'webhook: …');
  assert.match(webhook!.insertText, /^webhook: \$\{1:name\}\n\tmethod \$\{2\|[a-z,]+\|\}\n\turl \$\{3:url\}\n$/);
});

test('on a key: the keys the section lacks, with docs; present keys left out, required first', () => {
  // store and schedule are set; the section id is the header's
  const items = expectCompletions('sync.cfg', 'sync: job1\n\tstore store1\n\t<|rem<|>|>\n\tschedule daily\n', ['ns', 'owner', 'remote', 'remote-store', 'remote-ns', 'remove-vanished', 'max-depth', 'comment', 'rate-in', 'burst-in', 'rate-out', 'burst-out', 'group-filter', 'transfer-last', 'resync-corrupt', 'encrypted-only', 'verified-only', 'run-on-mount', 'unmount-on-done', 'sync-direction', 'worker-threads', 'active-encryption-key', 'associated-key']);
  const rs = items.find((i) => i.label === 'remote-store')!;
  assert.equal(rs.kind, 'property');
  assert.equal(rs.insertText, 'remote-store ');
  assert.match(rs.detail!, /\(required\)$/);
  assert.ok(rs.sortText! < items.find((i) => i.label === 'rate-in')!.sortText!);
});

test('a repeatable key is offered again', () => {
  expectCompletions('sync.cfg', 'sync: job1\n\tstore store1\n\tgroup-filter type:vm\n\t<|>\n', ['ns', 'owner', 'remote', 'remote-store', 'remote-ns', 'remove-vanished', 'max-depth', 'comment', 'rate-in', 'burst-in', 'rate-out', 'burst-out', 'schedule', 'group-filter', 'transfer-last', 'resync-corrupt', 'encrypted-only', 'verified-only', 'run-on-mount', 'unmount-on-done', 'sync-direction', 'worker-threads', 'active-encryption-key', 'associated-key']);
});

test('references: the datastores that exist', () => {
  const items = complete('sync.cfg', 'sync: job1\n\tstore <|st<|>|>\n');
  assert.deepEqual(items.map((i) => [i.label, i.kind, i.detail]), [
    ['store1', 'reference', 'datastore in datastore.cfg'],
    ['store2', 'reference', 'datastore in datastore.cfg'],
  ]);
});

test('references: remotes, users with the builtin root@pam, notification targets with mail-to-root', () => {
  assert.deepEqual(labels(complete('sync.cfg', 'sync: job1\n\tremote <|>\n')), ['offsite']);
  assert.deepEqual(labels(complete('sync.cfg', 'sync: job1\n\towner <|>\n')), ['root@pam', 'admin@pbs', 'admin@pbs!ci']);
  const targets = labels(complete('notifications.cfg', `${OTHERS['notifications.cfg']}\nmatcher: m1\n\ttarget <|>\n`));
  assert.deepEqual(targets, ['mail-to-root', 'mail-relay']);
});

test('enum values and booleans', () => {
  assert.deepEqual(labels(complete('sync.cfg', 'sync: j\n\tsync-direction <|p<|>u|>\n')), ['pull', 'push']);
  const b = complete('sync.cfg', 'sync: j\n\tremove-vanished <|t<|>|>\n');
  assert.deepEqual(b.map((i) => [i.label, i.detail]), [['true', 'boolean'], ['false', 'boolean (default)']]);
});

test('schedules: keywords and presets, described in words', () => {
  const items = expectCompletions('prune.cfg', 'prune: p\n\tstore store1\n\tschedule <|>\n', ['minutely', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'annually', 'quarterly', 'semiannually', 'semi-annually', 'mon..fri 02:00', 'sat 03:00', '*:0/15', '*:0/30', '02:30', 'sun 01:00', '1..7 sat 02:00']);
  assert.equal(items.find((i) => i.label === 'mon..fri 02:00')!.detail, 'Monday to Friday at 02:00');
});

test('sizes for byte properties, with binary units', () => {
  const items = expectCompletions('traffic-control.cfg', 'rule: r\n\trate-in <|1<|>0|>\n', ['10MiB', '100MiB', '1GiB', '512KiB', '10MB']);
  assert.equal(items[0].detail, 'size per second');
});

test('property strings: the members not yet used, then a member\'s enum values', () => {
  const keys = expectCompletions('datastore.cfg', 'datastore: s\n\tpath /x\n\ttuning chunk-order=none,<|s<|>|>\n', ['sync-level', 'gc-atime-safety-check', 'gc-atime-cutoff', 'gc-cache-capacity', 'default-verification-workers', 'default-verification-readers']);
  assert.equal(keys.find((i) => i.label === 'sync-level')!.insertText, 'sync-level=');
  assert.deepEqual(labels(complete('datastore.cfg', 'datastore: s\n\tpath /x\n\ttuning chunk-order=<|i<|>n|>,sync-level=file\n')), ['none', 'inode']);
});

test('acl.cfg: paths from the objects that exist, users/tokens in the ugid field, roles in the role field', () => {
  expectCompletions('acl.cfg', 'acl:1:<|/da<|>|>:admin@pbs:Audit\n', ['/', '/access', '/access/acl', '/access/users', '/access/domains', '/datastore/store1', '/datastore/store2', '/remote/offsite', '/system', '/system/certificates', '/system/disks', '/system/log', '/system/notifications', '/system/status', '/system/tasks', '/system/time', '/system/network', '/system/network/dns', '/tape']);
  assert.deepEqual(labels(complete('acl.cfg', 'acl:1:/:admin@pbs,<|<|>|>:Audit\n')), ['root@pam', 'admin@pbs!ci']);
  const roles = complete('acl.cfg', 'acl:1:/:admin@pbs:<|Datastore<|>|>\n');
  const reader = roles.find((i) => i.label === 'DatastoreReader')!;
  assert.deepEqual([reader.kind, reader.detail, reader.documentation], ['enum', 'Inspect and restore any content, verify.', 'Privileges: Datastore.Audit, Datastore.Verify, Datastore.Read']);
});

test('node.cfg: keys not yet set, inserted with `: `', () => {
  const items = expectCompletions('node.cfg', 'email-from: a@b.c\n<|t<|>|>\n', ['acme', 'acmedomain0', 'acmedomain1', 'acmedomain2', 'acmedomain3', 'acmedomain4', 'http-proxy', 'ciphers-tls-1.3', 'ciphers-tls-1.2', 'default-lang', 'description', 'task-log-max-days', 'consent-text', 'location']);
  assert.equal(items.find((i) => i.label === 'task-log-max-days')!.insertText, 'task-log-max-days: ');
});

test('nothing where nothing fits: an unknown section type, outside any section, an unknown key', () => {
  assert.deepEqual(complete('sync.cfg', 'bogus: x\n\t<|>\n'), []);
  assert.deepEqual(complete('sync.cfg', 'sync: j\n\n\t<|>\n'), []);
  assert.deepEqual(complete('sync.cfg', 'sync: j\n\tfoo <|>\n'), []);
});

test('random offsets over hostile text never throw', () => {
  const texts = [
    '',
    '\u0000\u0001\uFFFD binary \u0007\n\tkey',
    '\uFEFFdatastore: store1\r\n\tpath /x\r\n\ttuning ,,=,=x,"a\r\n',
    'sync: \r\r\r\n\t\t\t \n:\n\trate-in 1e400PiB\n\tschedule mon..sun..tue 99:99\n',
    'acl:1:/:::\nacl::/datastore/:@:\nacl:1:/remote/r/s:x!y@z:Admin,,\n:::::::\n',
    'task-log-max-days: \n: x\n#c\n',
  ];
  const ws = new Workspace();
  for (const [k, text] of Object.entries(OTHERS)) ws.set(`/r/${k}`, fileKindByName(k)!, text);
  for (const kind of ['datastore.cfg', 'sync.cfg', 'acl.cfg', 'node.cfg', 'notifications.cfg', 'tfa.json']) {
    for (const text of texts) {
      const f = ws.set(`/r/${kind}`, fileKindByName(kind)!, text);
      for (let i = -2; i <= text.length + 2; i++) completionsAt(f, ws, i);
    }
  }
});

test('a key starting with U+FEFF is a key for PBS (not white space as for JavaScript): no value completions, no exception (found by fuzzing)', () => {
  assert.deepEqual(labels(complete('media-pool.cfg', 'pool: weekly\n\tallocation sat 18:00\n\t\uFEFFcomment Weekly full<|>')), []);
  // and the key itself is still completed from after the indent
  expectCompletions('media-pool.cfg', 'pool: weekly\n\tallocation sat 18:00\n\tret<|>', ['retention', 'template', 'encrypt', 'comment']);
});

test('the reference budget of one request holds in every family: cut past the limit, narrowed to what is typed, one more kept to tell', () => {
  const users = Array.from({ length: 30 }, (_, i) => `user: u${i}@pbs\n`).join('\n');
  const at = (kind: string, src: string, maxReferences?: number) => {
    const m = marked(src);
    const ws = new Workspace();
    ws.set('/etc/proxmox-backup/user.cfg', fileKindByName('user.cfg')!, users);
    const file = ws.set(`/etc/proxmox-backup/${kind}`, fileKindByName(kind)!, m.text);
    return labels(completionsAt(file, ws, m.cursor!, maxReferences === undefined ? {} : { maxReferences }));
  };
  // acl.cfg ugid field: root@pam is built in, then the users up to the limit and one more
  assert.deepEqual(at('acl.cfg', 'acl:1:/:<|>:Audit\n', 3), ['root@pam', 'u0@pbs', 'u1@pbs', 'u2@pbs']);
  assert.deepEqual(at('acl.cfg', 'acl:1:/:u2<|>:Audit\n', 3), ['root@pam', 'u2@pbs', 'u12@pbs', 'u20@pbs']); // fuzzy: u12 has u…2
  assert.equal(at('acl.cfg', 'acl:1:/:<|>:Audit\n').length, 31);
  // a section's reference value: the same budget, and none once the request is over
  const sync = 'sync: job1\n\tstore s1\n\tremote-store r1\n\towner <|>\n';
  assert.deepEqual(at('sync.cfg', sync, 2), ['root@pam', 'u0@pbs', 'u1@pbs']);
  assert.equal(at('sync.cfg', sync).length, 31);
});
