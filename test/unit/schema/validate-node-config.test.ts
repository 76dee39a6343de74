// validateNodeConfig as a specification: node.cfg text in, problems out. Same value rules as
// section-config files; a key given twice keeps its last value (the earlier line is ignored);
// the leading `#` block is the node description and never checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNodeConfig } from '../../../grammar/node-config.ts';
import { validateNodeConfig } from '../../../schema/validate-node-config.ts';
import { expectProblems as expectProblemsOf, parsedClean } from '../../helpers/problems.ts';

const expectProblems = (src: string, expected: [code: string, severity: string][]) =>
  expectProblemsOf(src, (text) => validateNodeConfig(parsedClean(parseNodeConfig(text))), expected);

test('a node.cfg as PBS writes it gives no problem; the description block is free text', () => {
  expectProblems(
    `#Primary backup server\t(rack B4)
#Contact: backup-admins@example.com
acme: account=default
acmedomain0: pbs01.example.com
acmedomain1: domain=backup.example.com,alias=_acme-challenge.example.org,plugin=example-dns
ciphers-tls-1.2: ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384
default-lang: en
email-from: pbs01@example.com
http-proxy: http://proxy.example.com:3128
location: name=DC1,latitude=48.137,longitude=11.575
task-log-max-days: 90
`,
    [],
  );
});

test('an unknown key makes PBS refuse the file; did-you-mean', () => {
  const [p] = expectProblems('<|http_proxy|>: http://proxy:3128\n', [['unknown-property', 'error']]);
  assert.equal(p.data?.suggestion, 'http-proxy');
  assert.match(p.message, /invalid key 'http_proxy'/);
});

test('a blank before the colon is part of the key', () => {
  const [p] = expectProblems('<|default-lang |>: en\n', [['unknown-property', 'error']]);
  assert.match(p.message, /blanks included; write 'default-lang:'/);
});

test('a key given twice: PBS silently keeps the last value, the earlier line is flagged', () => {
  expectProblems('<|default-lang: de|>\ndefault-lang: en\n', [['duplicate-property', 'warning']]);
});

test('values follow the schema: enums, integers, formats', () => {
  expectProblems(
    'default-lang: <|english|>\ntask-log-max-days: <|-1|>\nhttp-proxy: <|https|>://proxy:3128\nemail-from: <|x|>\n',
    [
      ['invalid-enum', 'error'],
      ['out-of-range', 'error'],
      ['invalid-format', 'error'],
      ['invalid-value', 'error'],
    ],
  );
});

test('acmedomainN: the default member is the domain; plugin must be a safe id', () => {
  expectProblems('acmedomain0: pbs<|_|>01.example.com,plugin=<|-|>dns\n', [
    ['invalid-format', 'error'],
    ['invalid-format', 'error'],
  ]);
});

test('location: latitude out of range fails when PBS reads node.cfg into its type', () => {
  const [p] = expectProblems('location: latitude=<|91|>,longitude=11\n', [['out-of-range', 'error']]);
  assert.match(p.message, /latitude=91 is above the maximum 90.*cannot load node.cfg/);
  expectProblems('location: <|name=DC1|>\n', [['invalid-property-string', 'error']]);
});
