// Workspace.forEachReference with a filter: a file read once has its references made one by one,
// and none for a name the filter refuses (diagnostics skip builtins and absent target files so);
// what is visited must be exactly the file's references the filter accepts, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import type { Reference } from '../../../schema/references.ts';
import { Workspace } from '../../../service/workspace.ts';

const USERS = '/etc/proxmox-backup/user.cfg';
const DOMAINS = '/etc/proxmox-backup/domains.cfg';

function userCfg(): string {
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const realm = ['pbs', 'pam', 'corp', 'gone'][i % 4];
    out.push(`user: u${i}@${realm}\n\tenable true\n`);
    // tokens of users that exist, of users that do not, and of root@pam (a builtin)
    out.push(`token: ${i % 3 === 0 ? 'root@pam' : `u${i + (i % 3)}@${realm}`}!t${i}\n\tenable true\n`);
  }
  return out.join('\n');
}

function workspace(withDomains: boolean): Workspace {
  const files = [{ path: USERS, kind: fileKindByName('user.cfg')!, text: userCfg() }];
  if (withDomains) files.push({ path: DOMAINS, kind: fileKindByName('domains.cfg')!, text: 'ad: corp\n\tserver1 dc.corp\n\tbase-dn dc=corp\n' });
  return Workspace.of(files);
}

const shown = (r: Reference) => `${r.property} ${r.name.text} ${r.name.start}-${r.name.end} ${r.target.kind}`;

for (const withDomains of [false, true]) {
  test(`a file read once visits the references the filter accepts, in order (domains.cfg ${withDomains ? 'present' : 'absent'})`, () => {
    const asked: string[] = [];
    const streamed = workspace(withDomains);
    const file = streamed.get(USERS)!;
    const lookedUp = (kind: string, builtins: readonly string[], name: string) => {
      asked.push(name);
      return typeof streamed.lookUpIn(file, kind, builtins, name) !== 'string';
    };
    const visited: string[] = [];
    streamed.forEachReference(file, (r) => (visited.push(shown(r)), true), lookedUp);

    const listed = workspace(withDomains);
    const all = listed.references(listed.get(USERS)!);
    const expected = all.filter((r) => typeof listed.lookUpIn(listed.get(USERS)!, r.target.kind, r.builtins, r.name.text) !== 'string').map(shown);
    assert.deepEqual(visited, expected);
    // every reference was asked about, by its name
    assert.deepEqual(asked, all.map((r) => r.name.text));
    // the filter really left some out: builtins (pbs, pam, root@pam), and corp/gone realms without domains.cfg
    assert.ok(expected.length > 0 && expected.length < all.length);
    // the cached list, once asked for, is filtered the same way
    const again: string[] = [];
    listed.forEachReference(listed.get(USERS)!, (r) => (again.push(shown(r)), true), (kind, builtins, name) => typeof listed.lookUpIn(listed.get(USERS)!, kind, builtins, name) !== 'string');
    assert.deepEqual(again, expected);
  });
}

test('visiting stops when the visitor says so, in the middle of the references', () => {
  const ws = workspace(true);
  const file = ws.get(USERS)!;
  const visited: Reference[] = [];
  ws.forEachReference(file, (r) => visited.push(r) < 5);
  assert.equal(visited.length, 5);
});

test('resolves says what resolve gives (builtin, unchecked or some definition), for every reference, with repeated ids and section types that do not fit', () => {
  for (const withDomains of [false, true]) {
    // u1@pam twice (a repeated id), and a token of 'u2@corp' whose user exists only as a token id
    const ws = Workspace.of([
      { path: USERS, kind: fileKindByName('user.cfg')!, text: `${userCfg()}\nuser: u1@pam\n\tenable true\n\ntoken: u2@corp!x\n\tenable true\n\ntoken: u2@corp!x!y\n` },
      ...(withDomains ? [{ path: DOMAINS, kind: fileKindByName('domains.cfg')!, text: 'ad: corp\n\tserver1 dc.corp\n\tbase-dn dc=corp\n' }] : []),
    ]);
    const file = ws.get(USERS)!;
    let found = 0;
    let missing = 0;
    for (const ref of ws.references(file)) {
      const r = ws.resolve(file, ref);
      const expected = r === 'builtin' || r === 'unchecked' || r.length > 0;
      assert.equal(ws.resolves(file, ref), expected, shown(ref));
      if (expected) found++;
      else missing++;
    }
    assert.ok(found > 0 && missing > 0);
  }
});
