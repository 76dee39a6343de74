// The disagreement families the differential conformance run (scripts/conformance.ts) found
// between PBS's own parser (pbs-verdict: proxmox-section-config + the typed load of each section,
// pbs-api-types built with `enum-fallback`) and our engine, each pinned here without Rust: the
// file as an admin would write it, PBS's verdict as the oracle gave it, our findings inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../../../schema/problem.ts';
import { base64SecretFailure } from '../../../schema/base64-secret.ts';
import { rustRegexFailure } from '../../../schema/formats/rust-regex.ts';
import { problemsOf } from '../../../service/diagnostics.ts';
import { marked } from '../../helpers/marked.ts';
import { expectProblems as expectProblemsOf } from '../../helpers/problems.ts';
import { openAlone } from '../../helpers/workspace.ts';

/** Every problem of `text` read alone as a `kind` file, in document order. */
function problemsAlone(kind: string, text: string): Problem[] {
  const { ws, file } = openAlone(kind, text);
  return problemsOf(file, ws);
}

/** The same for a marked `src` (markers stripped), with the marked ranges. */
function check(kind: string, src: string): { problems: Problem[]; ranges: { start: number; end: number }[]; text: string } {
  const { text, ranges } = marked(src.replace(/^\n/, ''));
  return { problems: problemsAlone(kind, text), ranges, text };
}

/** The problems must be exactly `expected` ([code, severity] each), the i-th at the i-th marked range. */
const expectProblems = (kind: string, src: string, expected: [code: string, severity: string][]) => expectProblemsOf(src, (text) => problemsAlone(kind, text), expected);

// ---------------------------------------------------------------------------------------------
// The id property as a key: PBS's parser checks its value like any other property's, and refuses
// it twice, before the header's id replaces it (proxmox-section-config SectionConfig::parse).

test('id property line: a value its schema refuses is an error (PBS: property \'name\': value must be at least 3 characters long)', () => {
  const [p] = expectProblems('tape.cfg', `
virtual: vdrive0
	name <|x|>
	path /var/tape/vdrive0
`, [['invalid-value', 'error']]);
  assert.match(p.message, /name: 'x' is too short: at least 3 characters, not 1; PBS checks this line like any other property and refuses the file/);
  // an empty value is refused too, marked on the whole line
  expectProblems('datastore.cfg', `
datastore: store1
	<|name |>
	path /mnt/store1
`, [['invalid-value', 'error']]);
  // a token id where the user section's `userid` wants a user id (PBS: does not match the regex pattern)
  expectProblems('user.cfg', `
user: alice@pbs
	userid <|bob@pbs!t|>
`, [['invalid-format', 'error']]);
});

test('id property line: given twice is a duplicate property (PBS refuses the file), once a warning', () => {
  expectProblems('acme/plugins.cfg', `
dns: example-dns
	api pdns
	data YWJj
	<|id other|>
	<|id|> other
`, [
    ['duplicate-property', 'warning'],
    ['duplicate-property', 'error'],
  ]);
  // a valid other value is accepted and silently replaced by the header id (PBS: ok)
  expectProblems('user.cfg', `
user: alice@pbs
	<|userid bob@pbs|>
`, [['duplicate-property', 'warning']]);
});

// ---------------------------------------------------------------------------------------------
// Base64 secrets: remote.cfg `password` (string_as_base64) and acme/plugins.cfg `data`
// (string_as_base64url_nopad) are decoded, then read as UTF-8, when PBS loads the section
// (proxmox-serde, proxmox-base64; pbs-verdict stage `typed`).

test('base64 secrets decode as PBS decodes them: padding optional, canonical, UTF-8 (each row measured with pbs-verdict)', () => {
  const standard: [string, boolean][] = [
    ['YWJj', true], ['YWI', true], ['YWI=', true], ['YQ', true], ['YQ=', true], ['YQ==', true], ['8J+YgA', true], ['', true],
    ['YQ===', false], ['YWJj=', false], ['YWI==', false], ['Y===', false], ['=', false], ['YR==', false], ['YWJ', false],
    ['Y', false], ['YWJjY', false], ['YQ=a', false], ['/w==', false], ['+/8', false], ['8J+Y', false], ['7aCA', false], ['wK8', false], ['-_8', false],
  ];
  for (const [value, ok] of standard) assert.equal(base64SecretFailure(value, 'standard') === undefined, ok, `password ${value}`);
  const url: [string, boolean][] = [['YWI', true], ['YWI=', true], ['8J-YgA', true], ['-_8', false], ['+/8', false], ['YW==', false], ['x', false]];
  for (const [value, ok] of url) assert.equal(base64SecretFailure(value, 'url') === undefined, ok, `data ${value}`);
});

test('remote.cfg password that does not decode: the remote cannot be loaded (PBS: base64 decode: error decoding base64 data)', () => {
  const [p] = expectProblems('remote.cfg', `
remote: branch
	auth-id sync@pbs
	host pbs.example.com
	password YW<|J|>
`, [['invalid-format', 'error']]);
  assert.match(p.message, /password: the secret value cannot be decoded: .*PBS reads the file but cannot load the remote section 'branch'/);
  assert.doesNotMatch(p.message, /YWJ/, 'secrets are not echoed');
  // decodes, but not to UTF-8 text (PBS: utf8 decode: invalid utf-8 sequence of 1 bytes from index 0)
  const [q] = expectProblems('remote.cfg', `
remote: branch
	auth-id sync@pbs
	host pbs.example.com
	password <|/w|>==
`, [['invalid-format', 'error']]);
  assert.match(q.message, /not UTF-8 text/);
  // a character outside the alphabet is the pattern's to report, once
  expectProblems('remote.cfg', `
remote: branch
	auth-id sync@pbs
	host pbs.example.com
	password YW<|=|>==
`, [['invalid-format', 'error']]);
});

test('acme/plugins.cfg data that does not decode: the plugin cannot be loaded (PBS: error decoding base64 data)', () => {
  const [p] = expectProblems('acme/plugins.cfg', `
dns: example-dns
	api pdns
	data Y<|W|>==
`, [['invalid-format', 'error']]);
  assert.match(p.message, /data: the secret value cannot be decoded: it is not URL-safe base64: the last character .*cannot load the dns section 'example-dns'/);
});

// ---------------------------------------------------------------------------------------------
// Namespaces: PBS's regex takes 8 levels, BackupNamespace (MAX_NAMESPACE_DEPTH = 7) not.

test('a namespace of 8 levels passes PBS\'s parser and fails the typed load (PBS: expected valid backup namespace)', () => {
  const [p] = expectProblems('prune.cfg', `
prune: prune1
	keep-daily 7
	ns a/b/c/d/e/f/g/<|h|>
	schedule daily
	store store1
`, [['invalid-format', 'error']]);
  assert.match(p.message, /at most 7 levels; PBS reads the file but cannot load the prune section 'prune1'/);
});

// ---------------------------------------------------------------------------------------------
// Enum fallback: pbs-api-types built with `enum-fallback` keeps an unknown value of up to 31 bytes
// (an UnknownEnumValue(FixedString) variant) at the parser and at the typed load.

// These enums' schema format is optional, so PBS's line parser lets any value through; their Rust
// types refuse an unknown one. pbs-api-types' `enum-fallback` feature would keep it as an unknown
// variant, but it is for API consumers (pbs-api-types debian/changelog 1.0.9); PBS does not enable
// it, and pbs-verdict built the same way answers "unknown variant `bogus`" at the typed stage.
test('unknown enum values pass PBS\'s line parser but are errors: the section cannot be loaded (PBS: typed stage)', () => {
  const cases: [string, string][] = [
    ['datastore.cfg', 'datastore: store1\n\tpath /mnt/store1\n\tnotification-mode <|bogus|>\n'],
    ['sync.cfg', 'sync: job1\n\tremote-store a01\n\tstore a01\n\tsync-direction <|sideways|>\n'],
    ['tape-job.cfg', 'backup: job1\n\tdrive d01\n\tnotification-mode <|x|>\n\tpool p01\n\tstore a01\n'],
    ['domains.cfg', 'ldap: corp\n\tbase-dn dc=x\n\tmode <|ldapss|>\n\tserver1 ldap1\n\tuser-attr uid\n'],
    ['encryption-keys.cfg', 'sync-key: key1\n\tcreated 1\n\tkdf <|argon2|>\n\tmodified 1\n'],
  ];
  for (const [kind, src] of cases) {
    const { problems, ranges } = check(kind, src);
    assert.deepEqual(
      problems.map((p) => [p.start, p.end, p.code, p.severity]),
      ranges.map((r) => [r.start, r.end, 'invalid-enum', 'error']),
      `${kind}: ${problems.map((p) => p.message).join('\n')}`,
    );
    for (const p of problems) assert.match(p.message, /PBS reads the line but cannot load the /, p.message);
  }
});

test('inside a property string PBS keeps as a string: an error where its use fails, a warning where its use drops the value', () => {
  // DataStoreConfig::get_maintenance_mode ends in .ok(): a type PBS cannot parse is no maintenance
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	maintenance-mode type=<|readonly|>
	path /mnt/store1
`, [['invalid-enum', 'warning']]);
  assert.match(p.message, /PBS reads the line but silently ignores the whole value when it uses the datastore section 'store1': the datastore is then not in maintenance/);
  assert.equal(p.data?.suggestion, 'read-only');
  // notifications.rs parses notify with `if let Ok`: PBS mails with its defaults
  const [n] = expectProblems('datastore.cfg', 'datastore: store1\n\tnotify gc=<|sometimes|>\n\tpath /mnt/store1\n', [['invalid-enum', 'warning']]);
  assert.match(n.message, /mails with its defaults/);
  // the datastore opens its chunk store with the tuning parsed by `?`: opening it fails
  const { problems, ranges } = check('datastore.cfg', 'datastore: store1\n\tpath /mnt/store1\n\ttuning chunk-order=<|bogus|>,sync-level=<|x|>\n');
  assert.deepEqual(problems.map((q) => [q.start, q.end, q.severity]), ranges.map((r) => [r.start, r.end, 'error']));
});

test('the datastore backend type does not fall back: PBS refuses an unknown one (unknown backend type)', () => {
  expectProblems('datastore.cfg', `
datastore: store1
	backend type=<|bogus|>
	path /mnt/store1
`, [['invalid-enum', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Line breaks: PBS splits at `\n` only and trims each line's ends (a `\r` included); an editor
// also breaks lines at a lone `\r`.

test('CRs PBS trims are never flagged: CR LF, CR CR LF, a CR as the blank after a key with an empty value', () => {
  for (const text of [
    'datastore: store1\r\n\tcomment hi\r\r\n\tpath /mnt/store1\r\n',
    'datastore: store1\n\tcomment\r\r\n\tpath /mnt/store1\n',
    'datastore: store1\n\tpath /mnt/store1\n\r\ndatastore: store2\n\tpath /mnt/store2\n',
  ]) {
    const { ws, file } = openAlone('datastore.cfg', text);
    assert.deepEqual(problemsOf(file, ws), [], JSON.stringify(text));
  }
});

test('a lone CR PBS refuses is flagged at the CR (PBS: property \'comment\': value does not match the regex pattern)', () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	comment hi<|\r|>there
	path /mnt/store1
`, [['invalid-format', 'error']]);
  assert.match(p.message, /control character U\+000D/);
});

test('a lone CR PBS accepts is a warning at the CR: the editor shows a line break PBS does not see (PBS: ok)', () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	path /mnt/store1<|\r|>	comment hi
`, [['suspicious-value', 'warning']]);
  assert.match(p.message, /as part of the value of 'path'/);
  // between key and value a CR is one more blank to PBS (and the formatter writes a blank there)
  expectProblems('datastore.cfg', `
datastore: store1
	path /mnt/store1
	verify-new\rtrue
`, []);
});

// ---------------------------------------------------------------------------------------------
// Save-stage checks (node.cfg is not a section-config file: no oracle; from proxmox-backup
// src/config/node.rs, NodeConfig::validate, called by save_config).

test('node.cfg ACME domains that repeat without regard to case: PBS reads the file but refuses to save it', () => {
  const [p] = expectProblems('node.cfg', `
acmedomain0: pbs.example.com
acmedomain1: backup.example.com,plugin=example-dns
acmedomain3: <|PBS.Example.com|>,plugin=example-dns
`, [['invalid-value', 'warning']]);
  assert.match(p.message, /acmedomain3: the domain 'PBS.Example.com' is already acmedomain0's .*duplicate domain 'PBS.Example.com' in ACME config/);
  // a key given twice keeps its last value: only that one counts
  expectProblems('node.cfg', `
<|acmedomain0: pbs.example.com|>
acmedomain0: other.example.com
acmedomain1: domain=pbs.example.com
acmedomain2: domain=<|Other.example.com|>,plugin=example-dns
`, [
    ['duplicate-property', 'warning'],
    ['invalid-value', 'warning'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// One problem, one report.

test('encryption-key.json: an unknown KDF variant is one problem at its name, not one at kdf and one at the variant', () => {
  const key = (kdf: string) =>
    `{"kdf":${kdf},"created":"2025-03-14T09:26:53+01:00","modified":"2025-03-14T09:26:53+01:00","data":"AAAA"}`;
  const [p] = expectProblems('encryption-key.json', key('{<|"Argon"|>:{"n":1}}'), [['json-schema', 'error']]);
  assert.match(p.message, /kdf: unknown variant 'Argon', PBS expects one of Scrypt, PBKDF2 \(or null\)/);
  const [q] = expectProblems('encryption-key.json', key('{"Scrypt":{"n":1,"r":1,"p":1,"salt":"AA=="},"PBKDF2":{"iter":1,"salt":"AA=="}}').replace('"kdf"', '<|"kdf"|>'), [['json-schema', 'error']]);
  assert.match(q.message, /names 2 variants/);
  // a known variant is checked against that variant alone
  const [r] = expectProblems('encryption-key.json', key('{<|"Scrypt"|>:{"n":1,"r":1,"p":1}}'), [['json-schema', 'error']]);
  assert.match(r.message, /kdf.Scrypt lacks the required property 'salt'/);
});

// ---------------------------------------------------------------------------------------------
// Regexes: inside a character class Rust's regex syntax reads `[` as a nested class, so brackets
// that balance in JavaScript may not in Rust (regex-syntax; PBS: "regex parse error: unclosed
// character class").

test('group-filter regex: a class that Rust never sees closed is refused (each row measured with pbs-verdict)', () => {
  for (const [re, ok] of [
    ['[a, exclude:regex:[a', false], ['[a[b]', false], ['[]a[]', false], ['[^][a]', false], ['[a&&[b]', false],
    ['[a[b]]', true], ['[[:alpha:][b]]', true], ['[a\\[]', true], ['[a-z&&[^b]]x', true],
  ] as const) {
    assert.equal(rustRegexFailure(re) === undefined, ok, re);
  }
  expectProblems('sync.cfg', `
sync: job1
	group-filter regex:<|[a, exclude:regex:[a|>
	remote-store a01
	store a01
`, [['invalid-format', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Empty values: PBS trims every Unicode white-space character at the ends of a line, so a value of
// only white space (a form feed, a vertical tab) is the empty string.

test('a value of only white space is empty, as PBS reads it (PBS: property \'organization\': value must be at least 1 characters long)', () => {
  expectProblems('metricserver.cfg', '\ninfluxdb-http: influx-prod\n\torganization <||>\f\n\turl https://influx.example.com:8086\n', [['invalid-value', 'error']]);
  // and an empty comment is fine (PBS: ok), whatever white space stands after the key
  expectProblems('datastore.cfg', '\ndatastore: store1\n\tcomment \f\n\tpath /mnt/store1\n', []);
});

// ---------------------------------------------------------------------------------------------
// The datastore backend is checked by deserializing it (pbs-api-types verify_datastore_backend_config,
// proxmox-schema parse_with_schema): there an empty member value is serde's None, i.e. absent.

test('backend members with an empty value are absent, as PBS reads them (PBS: ok; missing option bucket)', () => {
  expectProblems('datastore.cfg', '\ndatastore: store1\n\tbackend type=filesystem,bucket=\n\tpath /mnt/store1\n', []);
  expectProblems('datastore.cfg', '\ndatastore: store1\n\tbackend type=\n\tpath /mnt/store1\n', []);
  const [p] = expectProblems('datastore.cfg', '\ndatastore: store1\n\tbackend <|type=s3,client=s3-main,bucket=|>\n\tpath /mnt/store1\n', [['invalid-property-string', 'error']]);
  assert.match(p.message, /'bucket' is required with type=s3/);
});

test('an empty value that is too short is one problem, not also one for its format', () => {
  const [p] = expectProblems('sync.cfg', '\nsync: job1\n\tremote-store a01\n\tstore <||>\n', [['invalid-value', 'error']]);
  assert.match(p.message, /too short/);
});
