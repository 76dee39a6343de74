// referencesIn / definitionsIn as a specification: which names a file uses that another file (or
// the same one) defines, with the exact range of each name, its target kind and section types, and
// the names that exist without a definition. Resolving them is the service's job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAcl } from '../../../grammar/acl.ts';
import { parseNodeConfig } from '../../../grammar/node-config.ts';
import { parseSectionConfig } from '../../../grammar/section-config.ts';
import { definitionsIn, jsonReferencesIn, referencesIn, type Reference } from '../../../schema/references.ts';
import { marked } from '../../helpers/marked.ts';

/** Each reference as `property → kind[types] 'name'`, with its range. */
function refs(list: Reference[]): { property: string; name: string; range: { start: number; end: number }; target: string; builtins: string[] }[] {
  return list.map((r) => ({
    property: r.property,
    name: r.name.text,
    range: { start: r.name.start, end: r.name.end },
    target: `${r.target.kind}[${r.target.sectionTypes.join(',')}]`,
    builtins: r.builtins,
  }));
}

test('sync.cfg: store, remote, owner and keys point at their files; remote-store only without remote', () => {
  const { text, ranges } = marked(`sync: pull
	associated-key <|k-old|>
	owner <|sync@pbs!t|>
	remote <|branch|>
	remote-store archive
	store <|local1|>

sync: local
	remote-store <|other|>
	store <|local1|>
`);
  const ast = parseSectionConfig(text);
  assert.deepEqual(refs(referencesIn('sync.cfg', ast)), [
    { property: 'associated-key', name: 'k-old', range: ranges[0], target: 'encryption-keys.cfg[sync-key]', builtins: [] },
    { property: 'owner', name: 'sync@pbs!t', range: ranges[1], target: 'user.cfg[user,token]', builtins: ['root@pam'] },
    { property: 'remote', name: 'branch', range: ranges[2], target: 'remote.cfg[remote]', builtins: [] },
    { property: 'store', name: 'local1', range: ranges[3], target: 'datastore.cfg[datastore]', builtins: [] },
    { property: 'remote-store', name: 'other', range: ranges[4], target: 'datastore.cfg[datastore]', builtins: [] },
    { property: 'store', name: 'local1', range: ranges[5], target: 'datastore.cfg[datastore]', builtins: [] },
  ]);
});

test('datastore.cfg: the backend client (a property-string member) points at s3.cfg', () => {
  const { text, ranges } = marked('datastore: s3\n\tbackend type=s3,client=<|s3-main|>,bucket=chunks\n\tpath /mnt/cache\n');
  assert.deepEqual(refs(referencesIn('datastore.cfg', parseSectionConfig(text))), [
    { property: 'backend.client', name: 's3-main', range: ranges[0], target: 's3.cfg[s3-endpoint]', builtins: [] },
  ]);
});

test('user.cfg: a token id names its user, a user id its realm', () => {
  const { text, ranges } = marked('user: jdoe@<|corp|>\n\ntoken: <|jdoe@corp|>!ci\n');
  assert.deepEqual(refs(referencesIn('user.cfg', parseSectionConfig(text))), [
    { property: 'id', name: 'corp', range: ranges[0], target: 'domains.cfg[openid,ldap,ad,pam,pbs]', builtins: ['pam', 'pbs'] },
    { property: 'id', name: 'jdoe@corp', range: ranges[1], target: 'user.cfg[user]', builtins: ['root@pam'] },
  ]);
});

test('notifications.cfg: matcher targets (repeated key), with the built-in mail-to-root', () => {
  const { text, ranges } = marked('matcher: m1\n\ttarget <|mail-ops|>\n\ttarget <|mail-to-root|>\n');
  assert.deepEqual(
    refs(referencesIn('notifications.cfg', parseSectionConfig(text))).map((r) => [r.name, r.range, r.builtins]),
    [
      ['mail-ops', ranges[0], ['mail-to-root']],
      ['mail-to-root', ranges[1], ['mail-to-root']],
    ],
  );
});

test('acl.cfg: users and tokens point at user.cfg, path components at the object they name', () => {
  const { text, ranges } = marked(
    'acl:1:/datastore/<|archive|>/ns1:<|jdoe@pbs|>,<|sync@pbs!t|>,@grp:DatastoreBackup\n' +
      'acl:1:/tape/device/<|lto1|>:<|root@pam|>:TapeOperator\n' +
      'acl:1:/remote/<|branch|>/store:x@pbs:RemoteSyncOperator\n',
  );
  assert.deepEqual(refs(referencesIn('acl.cfg', parseAcl(text))), [
    { property: 'ugid', name: 'jdoe@pbs', range: ranges[1], target: 'user.cfg[user]', builtins: ['root@pam'] },
    { property: 'ugid', name: 'sync@pbs!t', range: ranges[2], target: 'user.cfg[token]', builtins: ['root@pam'] },
    { property: 'path', name: 'archive', range: ranges[0], target: 'datastore.cfg[datastore]', builtins: [] },
    { property: 'ugid', name: 'root@pam', range: ranges[4], target: 'user.cfg[user]', builtins: ['root@pam'] },
    { property: 'path', name: 'lto1', range: ranges[3], target: 'tape.cfg[lto,virtual,changer]', builtins: [] },
    { property: 'ugid', name: 'x@pbs', range: { start: text.indexOf('x@pbs'), end: text.indexOf('x@pbs') + 5 }, target: 'user.cfg[user]', builtins: ['root@pam'] },
    { property: 'path', name: 'branch', range: ranges[5], target: 'remote.cfg[remote]', builtins: [] },
  ]);
});

test('node.cfg: the ACME account and the plugins of acmedomainN', () => {
  const { text, ranges } = marked('acme: account=<|default|>\nacmedomain0: pbs.example.com,plugin=<|example-dns|>\n');
  assert.deepEqual(refs(referencesIn('node.cfg', parseNodeConfig(text))), [
    { property: 'acme.account', name: 'default', range: ranges[0], target: 'acme/accounts[]', builtins: [] },
    { property: 'acmedomain0.plugin', name: 'example-dns', range: ranges[1], target: 'acme/plugins.cfg[standalone,dns]', builtins: ['standalone'] },
  ]);
});

test('definitions: every section of a section-config file, whatever its type', () => {
  const { text, ranges } = marked('lto: <|lto1|>\n\tpath /dev/a\n\nchanger: <|auto|>\n\tpath /dev/b\n');
  assert.deepEqual(
    definitionsIn('tape.cfg', parseSectionConfig(text)).map((d) => ({ kind: d.kind, sectionType: d.sectionType, range: { start: d.id.start, end: d.id.end } })),
    [
      { kind: 'tape.cfg', sectionType: 'lto', range: ranges[0] },
      { kind: 'tape.cfg', sectionType: 'changer', range: ranges[1] },
    ],
  );
  assert.deepEqual(definitionsIn('acl.cfg', parseAcl('acl:1:/:root@pam:Admin\n')), []);
});

test('JSON files: token.shadow keys name tokens, shadow.json keys name <name>@pbs users', () => {
  const t = marked('{"<|backup@pbs!old|>":"$y$x"}');
  assert.deepEqual(refs(jsonReferencesIn('token.shadow', t.text)), [
    { property: '(key)', name: 'backup@pbs!old', range: t.ranges[0], target: 'user.cfg[token]', builtins: [] },
  ]);
  const s = marked('{\n  "<|admin|>": "$y$x"\n}');
  assert.deepEqual(refs(jsonReferencesIn('shadow.json', s.text)).map((r) => [r.name, r.range, r.target]), [['admin@pbs', s.ranges[0], 'user.cfg[user]']]);
  const u = marked('{"users":{"<|jdoe@pbs|>":{}}}');
  assert.deepEqual(refs(jsonReferencesIn('tfa.json', u.text)).map((r) => [r.property, r.name, r.range]), [['users (key)', 'jdoe@pbs', u.ranges[0]]]);
});
