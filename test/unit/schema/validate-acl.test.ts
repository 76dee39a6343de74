// validateAclEntry as a specification: acl.cfg lines in, problems out. Roles and user/token ids are
// checked by PBS while it reads the file (errors); paths only by its API, so a path outside PBS's
// path tree is read but never applies (a warning).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAcl } from '../../../grammar/acl.ts';
import { validateAclEntry } from '../../../schema/validate-acl.ts';
import { expectProblems as expectProblemsOf, parsedClean } from '../../helpers/problems.ts';

const expectProblems = (src: string, expected: [code: string, severity: string][]) =>
  expectProblemsOf(src, (text) => parsedClean(parseAcl(text)).entries.flatMap((e) => validateAclEntry(e)), expected);

test('an acl.cfg as PBS writes it gives no problem', () => {
  expectProblems(
    [
      'acl:1:/:root@pam!monitoring:Audit',
      'acl:1:/access/openid/corp:@staff:NoAccess',
      'acl:1:/datastore/archive:backup@pbs!pve-cluster,sync@pbs:DatastoreBackup,DatastoreReader',
      'acl:0:/datastore/archive/ns1/ns2:jdoe@corp-ldap:DatastorePowerUser',
      'acl:1:/remote/branch:sync@pbs:RemoteSyncOperator',
      'acl:1:/system/network/interfaces/eth0:admin@pbs:Admin',
      'acl:1:/tape/device/lto1:tape@pbs:TapeOperator',
      'acl:1:/tape/pool/weekly:tape@pbs:TapeAdmin',
      'acl:1:/tape/job/weekly:tape@pbs:TapeAudit',
      '',
    ].join('\n'),
    [],
  );
});

test('an unknown role makes PBS refuse the file; did-you-mean on case', () => {
  const [p] = expectProblems('acl:1:/datastore/archive:jdoe@pbs:<|datastoreadmin|>\n', [['invalid-enum', 'error']]);
  assert.equal(p.data?.suggestion, 'DatastoreAdmin');
  assert.match(p.message, /unknown role 'datastoreadmin'; did you mean 'DatastoreAdmin'/);
});

test('a Proxmox VE role name is not a PBS role', () => {
  expectProblems('acl:1:/datastore/archive:jdoe@pbs:<|DatastoreUser|>\n', [['invalid-enum', 'error']]);
});

test('a user id without realm makes PBS refuse the file; groups are not checked', () => {
  const [p] = expectProblems('acl:1:/:<|jdoe|>,@any-group-name:Audit\n', [['invalid-format', 'error']]);
  assert.match(p.message, /'jdoe' is not a valid user or token id/);
});

test('a token name that is not a safe id is refused at the offending character', () => {
  expectProblems('acl:1:/:sync@pbs!<|-|>tok:Audit\n', [['invalid-format', 'error']]);
});

test('a path outside the PBS path tree is read but never applies (warning at the component)', () => {
  const [p] = expectProblems('acl:1:/<|datastor|>/archive:jdoe@pbs:Audit\n', [['invalid-format', 'warning']]);
  assert.equal(p.data?.field, 'path');
  assert.match(p.message, /'datastor' is not a valid component after '\/'.*did you mean 'datastore'/);
});

test('too deep: /access/acl has no sub-path', () => {
  expectProblems('acl:1:/access/acl/<|x|>:jdoe@pbs:Audit\n', [['invalid-format', 'warning']]);
});

test('a datastore path allows at most 7 namespace levels', () => {
  expectProblems('acl:1:/datastore/s/1/2/3/4/5/6/7:jdoe@pbs:Audit\n', []);
  expectProblems('acl:1:/datastore/s/1/2/3/4/5/6/7/<|8|>:jdoe@pbs:Audit\n', [['invalid-format', 'warning']]);
});

test('a path component that is not a safe id is flagged at the character', () => {
  expectProblems('acl:1:/datastore/my<| |>store:jdoe@pbs:Audit\n', [['invalid-format', 'warning']]);
});

test('PBS ignores empty path components: //datastore/x/ is /datastore/x', () => {
  expectProblems('acl:1://datastore/archive/:jdoe@pbs:Audit\n', []);
});
