// validateSection as a specification: a section as an admin writes it, the problems PBS (or its
// loading of the section) would have with it, each with its code, severity and the exact range
// marked <|…|> in the input. Files as PBS writes them give no problem at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSectionConfig } from '../../../grammar/section-config.ts';
import { validateSection } from '../../../schema/validate-section.ts';
import type { Problem } from '../../../schema/problem.ts';
import type { PbsSchema } from '../../../schema/registry.ts';
import { marked } from '../../helpers/marked.ts';
import { expectProblems as expectProblemsOf, parsedClean } from '../../helpers/problems.ts';

interface Brief {
  range: { start: number; end: number };
  code: string;
  severity: string;
}

/** The problems validateSection finds in the sections of `text`, which must be syntactically fine. */
function sectionProblems(kind: string, text: string): Problem[] {
  return parsedClean(parseSectionConfig(text)).sections.flatMap((s) => validateSection(kind, s));
}

const brief = (ps: Problem[]): Brief[] => ps.map((p) => ({ range: { start: p.start, end: p.end }, code: p.code, severity: p.severity }));

/** The problems, as {range, code, severity}, must be exactly `expected`, the i-th at the i-th marked range. */
const expectProblems = (kind: string, src: string, expected: [code: string, severity: string][]) => expectProblemsOf(src, (text) => sectionProblems(kind, text), expected);

// ---------------------------------------------------------------------------------------------
// Clean files

test('files as PBS writes them give no problem', () => {
  const files: Record<string, string> = {
    'datastore.cfg': `datastore: store1
	comment Main store
	gc-schedule daily
	notify gc=error,verify=always
	notify-user root@pam
	path /mnt/datastore/store1
	tuning chunk-order=none,sync-level=file

datastore: s3-offsite
	backend client=s3-main,bucket=pbs-chunks,type=s3
	maintenance-mode type=read-only,message="disk swap, back at 10"
	path /mnt/cache/s3-offsite
`,
    'sync.cfg': `sync: pull-branch
	group-filter type:vm
	group-filter exclude:regex:^vm/1\\d\\d$
	ns \n	rate-in 10 MiB
	remote branch
	remote-store archive
	remove-vanished true
	schedule mon..fri 22:15
	store archive
`,
    'user.cfg': `user: root@pam
	comment Superuser
	email root@example.com
	enable true
	expire 0

token: backup@pbs!pve-cluster
	comment \n	enable true
	expire 0
`,
    'remote.cfg': `remote: branch
	auth-id sync@pbs!pull
	fingerprint 64:d3:ff:3a:50:38:53:5a:9b:f7:50:8f:66:09:41:4a:fb:3c:6e:66:3a:93:fe:0f:e6:35:66:99:43:59:cb:e8
	host pbs-branch.example.com
	password c2VjcmV0
	port 8007
`,
    'tape.cfg': `changer: autoloader
	eject-before-unload false
	export-slots 14,15 16;17
	path /dev/tape/by-id/scsi-changer

lto: drive1
	changer autoloader
	changer-drivenum 0
	path /dev/tape/by-id/scsi-drive1-sg
`,
    'traffic-control.cfg': `rule: office
	network 192.168.0.0/16
	network 2001:db8::/32
	rate-in 100 MiB
	timeframe mon..fri 8:00-17:30
`,
    'notifications.cfg': `webhook: chat
	header name=Content-Type,value=YXBwbGljYXRpb24vanNvbg==
	method post
	url https://chat.example.com/hooks/pbs

matcher: errors
	match-severity error
	mode all
	target chat
	target mail-to-root
`,
  };
  for (const [kind, text] of Object.entries(files)) {
    const ast = parseSectionConfig(text);
    assert.deepEqual(ast.problems, [], kind);
    const problems = ast.sections.flatMap((s) => validateSection(kind, s));
    assert.deepEqual(problems.map((p) => `${p.code}: ${p.message}`), [], kind);
  }
});

// ---------------------------------------------------------------------------------------------
// Header

test('an unknown section type is flagged on the type, with did-you-mean', () => {
  const [p] = expectProblems('metricserver.cfg', `
<|influx-udp|>: metrics
	host influx.example.com:8089
`, [['unknown-section-type', 'error']]);
  assert.equal(p.data?.suggestion, 'influxdb-udp');
  assert.match(p.message, /unknown section type 'influx-udp'.*did you mean 'influxdb-udp'/);
});

test('a datastore name shorter than 3 characters is an invalid section id', () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: <|ds|>
	path /mnt/ds
`, [['invalid-section-id', 'error']]);
  assert.match(p.message, /at least 3 characters/);
});

test('a user id whose realm is too long passes the parser but cannot be loaded', () => {
  const [p] = expectProblems('user.cfg', `
user: <|jdoe@a|>
`, [['invalid-section-id', 'error']]);
  assert.match(p.message, /realm 'a' must be 2 to 32 characters.*cannot load/);
});

// ---------------------------------------------------------------------------------------------
// Keys

test('an unknown key is flagged on the key, with did-you-mean', () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	<|gc-schedual|> daily
	path /mnt/store1
`, [['unknown-property', 'error']]);
  assert.equal(p.data?.suggestion, 'gc-schedule');
  assert.match(p.message, /unknown property 'gc-schedual'.*did you mean 'gc-schedule'/);
});

test("an indented '#' line is the unknown key '#': PBS has no comments, use the comment property", () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	<|#|> nightly GC
	path /mnt/store1
`, [['unknown-property', 'error']]);
  assert.equal(p.data?.suggestion, 'comment');
  assert.match(p.message, /no comment syntax/);
});

test('a non-list key given twice is flagged on the second occurrence', () => {
  expectProblems('tape.cfg', `
lto: drive1
	path /dev/tape/by-id/a
	<|path|> /dev/tape/by-id/b
`, [['duplicate-property', 'error']]);
});

test('the id property as a key is accepted and overwritten by the header id', () => {
  expectProblems('datastore.cfg', `
datastore: store1
	<|name other|>
	path /mnt/store1
`, [['duplicate-property', 'warning']]);
});

test('missing required keys are listed together on the header', () => {
  const [p] = expectProblems('remote.cfg', `
<|remote: branch|>
	host pbs.example.com
`, [['missing-required', 'error']]);
  assert.deepEqual(p.data?.missing, ['auth-id', 'password']);
  assert.match(p.message, /'auth-id', 'password'/);
});

test('a required key whose value does not convert is not also reported missing', () => {
  expectProblems('encryption-keys.cfg', `
sync-key: key1
	created <|yesterday|>
	kdf scrypt
	modified 1700000000
`, [['invalid-value', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Value conversion

test('booleans: 1/on/yes/true and 0/off/no/false in any case, nothing else', () => {
  expectProblems('sync.cfg', `
sync: job1
	remote-store a01
	remove-vanished <|enabled|>
	resync-corrupt YES
	store a01
	verified-only oFF
`, [['invalid-value', 'error']]);
});

test('integers are Rust i64: sign and ASCII digits only', () => {
  expectProblems('prune.cfg', `
prune: prune1
	keep-daily <|7.0|>
	keep-hourly +5
	keep-last <|1_000|>
	keep-weekly <|99999999999999999999|>
	schedule daily
	store archive
`, [
    ['invalid-value', 'error'],
    ['invalid-value', 'error'],
    ['invalid-value', 'error'],
  ]);
});

test('list values split on , ; and blanks; a bad item is flagged alone', () => {
  expectProblems('tape.cfg', `
changer: changer1
	export-slots 1, 2;<|x|> 4
	path /dev/sg1
`, [['invalid-value', 'error']]);
});

test('list items are validated against the item schema, at the item', () => {
  expectProblems('tape.cfg', `
changer: changer1
	export-slots 1,<|0|>,3
	path /dev/sg1
`, [['out-of-range', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Schema rules

test('keep-last below its minimum is flagged on the value', () => {
  const [p] = expectProblems('prune.cfg', `
prune: prune1
	keep-last <|0|>
	schedule daily
	store archive
`, [['out-of-range', 'error']]);
  assert.equal(p.message, 'keep-last: 0 is below the minimum 1');
});

test('a u16 port above 65535 passes the parser but the remote cannot be loaded', () => {
  const [p] = expectProblems('remote.cfg', `
remote: branch
	auth-id sync@pbs
	host pbs.example.com
	password c2VjcmV0
	port <|70000|>
`, [['out-of-range', 'error']]);
  assert.match(p.message, /port: 70000 is above 65535.*PBS reads the file but cannot load the remote section 'branch'/);
});

test('a comment longer than 128 characters is invalid', () => {
  expectProblems('sync.cfg', `
sync: job1
	comment <|${'x'.repeat(129)}|>
	remote-store a01
	store a01
`, [['invalid-value', 'error']]);
});

test('a tab inside a comment is flagged at the tab', () => {
  const [p] = expectProblems('sync.cfg', `
sync: job1
	comment nightly<|\t|>pull
	remote-store a01
	store a01
`, [['invalid-format', 'error']]);
  assert.match(p.message, /comment: 'nightly\\tpull'.*tab/);
});

test('an unknown enum value is listed with the allowed values and a did-you-mean', () => {
  const [p] = expectProblems('notifications.cfg', `
matcher: m1
	mode <|anyy|>
`, [['invalid-enum', 'error']]);
  assert.equal(p.data?.suggestion, 'any');
  assert.match(p.message, /not one of all, any; did you mean 'any'/);
});

test('an unknown value of an enum whose format is optional passes the line parser, but the section cannot load (measured with pbs-verdict)', () => {
  // PBS builds pbs-api-types without `enum-fallback` (it is for API consumers), so the typed load
  // of NotificationMode refuses `legacy_sendmail`: "unknown variant".
  const [p] = expectProblems('tape-job.cfg', `
backup: weekly
	drive lto1
	notification-mode <|legacy_sendmail|>
	pool weekly
	store archive
`, [['invalid-enum', 'error']]);
  assert.equal(p.data?.suggestion, 'legacy-sendmail');
  assert.match(p.message, /not one of legacy-sendmail, notification-system; PBS reads the line but cannot load the backup section 'weekly'; did you mean 'legacy-sendmail'/);
});

test('formats map to their codes: schedules, time spans, sizes, the rest invalid-format', () => {
  expectProblems('sync.cfg', `
sync: job1
	ns <|a//b|>
	rate-in 10 <|MiBs|>
	remote-store a01
	schedule <|daily|> 02:00
	store a01
`, [
    ['invalid-format', 'error'],
    ['invalid-size', 'error'],
    ['invalid-schedule', 'error'],
  ]);
  expectProblems('media-pool.cfg', `
pool: weekly
	retention 4 <|wks|>
`, [['invalid-time-span', 'error']]);
});

test('a CIDR without prefix is refused; one with a prefix too long fails when PBS applies the rule', () => {
  const [, p] = expectProblems('traffic-control.cfg', `
rule: office
	network <|10.0.0.0|>
	network 10.0.0.0/<|33|>
`, [
    ['invalid-format', 'error'],
    ['invalid-format', 'error'],
  ]);
  assert.match(p.message, /prefix length 33 is above 32.*fails when it uses/);
});

test('a value outside its pattern is flagged at the first character that cannot fit', () => {
  const [p] = expectProblems('remote.cfg', `
remote: branch
	auth-id sync@pbs
	host pbs.example.com
	password c2Vj<|*|>cmV0
`, [['invalid-format', 'error']]);
  assert.match(p.message, /password: the secret value does not match the pattern .*'\*' is not allowed there/);
  assert.doesNotMatch(p.message, /c2Vj/, 'secrets are not echoed');
});

test('a group filter regex that Rust cannot compile is refused', () => {
  expectProblems('sync.cfg', `
sync: job1
	group-filter regex:vm/<|(?!|>100)
	remote-store a01
	store a01
`, [['invalid-format', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Property strings

test('property string members: unknown member at its key, bad value at its value, enums with did-you-mean', () => {
  const [unknown, , enumP] = expectProblems('datastore.cfg', `
datastore: store1
	path /mnt/store1
	tuning <|chunk-ordr|>=none,gc-atime-cutoff=<|0|>,sync-level=<|fsync|>
`, [
    ['invalid-property-string', 'error'],
    ['out-of-range', 'error'],
    ['invalid-enum', 'error'],
  ]);
  assert.equal(unknown.data?.suggestion, 'chunk-order');
  assert.match(enumP.message, /tuning: sync-level=fsync is not one of none, file, filesystem/);
});

test('blanks after commas in a property string become part of the key', () => {
  const [p] = expectProblems('datastore.cfg', `
datastore: store1
	notify gc=error,<| verify|>=always
	path /mnt/store1
`, [['invalid-property-string', 'error']]);
  assert.equal(p.data?.suggestion, 'verify');
});

test('the default key takes a member without name=; a missing required member is flagged on the value', () => {
  expectProblems('datastore.cfg', `
datastore: store1
	maintenance-mode <|message=disk swap|>
	path /mnt/store1
`, [['invalid-property-string', 'error']]);
  expectProblems('datastore.cfg', `
datastore: store1
	maintenance-mode <|readonly|>
	path /mnt/store1
`, [['invalid-enum', 'warning']]);
});

test('backend rules: type=s3 needs client and bucket; filesystem forbids them', () => {
  const [needs] = expectProblems('datastore.cfg', `
datastore: store1
	backend <|type=s3,client=s3-main|>
	path /mnt/store1
`, [['invalid-property-string', 'error']]);
  assert.match(needs.message, /'bucket' is required with type=s3/);
  const [forbids] = expectProblems('datastore.cfg', `
datastore: store1
	backend type=filesystem,<|bucket=chunks|>
	path /mnt/store1
`, [['invalid-property-string', 'error']]);
  assert.match(forbids.message, /'bucket' is only allowed with type=s3/);
});

test('bad quoting inside a property string is invalid-property-string', () => {
  expectProblems('datastore.cfg', `
datastore: store1
	maintenance-mode type=offline,message=<|"unterminated|>
	path /mnt/store1
`, [['invalid-property-string', 'error']]);
});

test('repeated property-string keys (webhook headers) are checked line by line', () => {
  expectProblems('notifications.cfg', `
webhook: chat
	header name=X-A,value=YQ==
	header <|value=Yg==|>
	method post
	url https://chat.example.com/hook
`, [['invalid-property-string', 'error']]);
});

// ---------------------------------------------------------------------------------------------
// Hints

test('an SI size in a rate limit is a hint with the binary spelling as replacement', () => {
  const [p] = expectProblems('traffic-control.cfg', `
rule: office
	network 10.0.0.0/8
	rate-in 10<|MB|>
`, [['suspicious-value', 'hint']]);
  assert.equal(p.data?.replacement, '10MiB');
  assert.match(p.message, /rate-in: '10MB' is an SI size: 10,000,000 bytes/);
});

test("a schedule PBS reads differently than it looks ('fri 24:00') is information", () => {
  expectProblems('tape-job.cfg', `
backup: weekly
	drive lto1
	pool weekly
	schedule fri <|24:00|>
	store archive
`, [['suspicious-value', 'information']]);
});

test('a deprecated key PBS no longer acts on is a hint', () => {
  expectProblems('datastore.cfg', `
datastore: store1
	<|keep-daily|> 7
	path /mnt/store1
`, [['deprecated', 'hint']]);
});

test('every section type of every kind compiles (lazily, once)', async () => {
  const { kindNames, kindSchema, sectionTypes } = await import('../../../schema/registry.ts');
  const { sectionValidator, sectionIdValidator, kindValidator } = await import('../../../schema/ajv.ts');
  for (const kind of kindNames()) {
    const family = kindSchema(kind)!['x-pbs-family'];
    if (family === 'section-config') {
      for (const type of sectionTypes(kind)) {
        assert.ok(sectionValidator(kind, type), `${kind} ${type}`);
        assert.ok(sectionIdValidator(kind, type), `${kind} ${type} id`);
        assert.equal(sectionValidator(kind, type), sectionValidator(kind, type), 'cached');
      }
    } else if (family !== 'acl') {
      assert.ok(kindValidator(kind), kind);
    }
  }
});

test('x-pbs-enum-fallback: the line parser lets an unknown value through; it is an error where PBS deserializes it', async () => {
  // load: the section's own field is the enum (the section cannot be loaded); use: the enum sits
  // in a property string PBS keeps as a string and parses when it uses it.
  const { ajv } = await import('../../../schema/ajv.ts');
  const { objectPlan, validateProperties } = await import('../../../schema/typed-properties/index.ts');
  const schema: PbsSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      mode: { type: 'string', enum: ['pull', 'push'], 'x-pbs-enum-fallback': 'load' },
      level: { type: 'string', enum: ['never', 'always'], 'x-pbs-enum-fallback': 'use' },
      order: { type: 'string', enum: ['none', 'inode'], 'x-pbs-enum-fallback': 'use' },
      plain: { type: 'string', enum: ['a', 'b'] },
    },
  };
  const validate = ajv.compile(schema);
  const plan = objectPlan(schema, () => validate);
  const { text, ranges } = marked('job: j1\n\tlevel <|sometimes|>\n\tmode <|pul|>\n\torder <|random|>\n\tplain <|c|>\n');
  const [section] = parseSectionConfig(text).sections;
  const problems: Problem[] = [];
  validateProperties(plan, section.lines, { problems, sectionType: 'job', sectionId: 'j1' }, 'section');
  problems.sort((a, b) => a.start - b.start);
  assert.deepEqual(brief(problems), [
    { range: ranges[0], code: 'invalid-enum', severity: 'error' },
    { range: ranges[1], code: 'invalid-enum', severity: 'error' },
    { range: ranges[2], code: 'invalid-enum', severity: 'error' },
    { range: ranges[3], code: 'invalid-enum', severity: 'error' },
  ]);
  assert.match(problems[0].message, /PBS reads the line but fails when it uses the job section 'j1'/);
  assert.match(problems[1].message, /PBS reads the line but cannot load the job section 'j1'/);
  assert.match(problems[2].message, /fails when it uses the job section 'j1'/);
  assert.doesNotMatch(problems[3].message, /reads the line/);
});

test('x-pbs-deprecated-values: a value PBS still accepts but has deprecated is a hint at the value', async () => {
  const { ajv } = await import('../../../schema/ajv.ts');
  const { objectPlan, validateProperties } = await import('../../../schema/typed-properties/index.ts');
  const schema: PbsSchema = {
    type: 'object',
    properties: { 'outdated-after': { type: 'integer', minimum: 0, 'x-pbs-deprecated-values': { '0': 'use no value for "never outdated"' } } },
  };
  const validate = ajv.compile(schema);
  const { text, ranges } = marked('verification: v1\n\toutdated-after <|0|>\n');
  const [section] = parseSectionConfig(text).sections;
  const problems: Problem[] = [];
  validateProperties(objectPlan(schema, () => validate), section.lines, { problems, sectionType: 'verification', sectionId: 'v1' }, 'section');
  assert.deepEqual(brief(problems), [{ range: ranges[0], code: 'deprecated', severity: 'hint' }]);
  assert.match(problems[0].message, /outdated-after: 0 is deprecated/);
});

test('registry: kinds, section types and property schemas by name (for hover and completion)', async () => {
  const { kindSchema, sectionTypes, sectionSchema, propertySchema, aclRoles } = await import('../../../schema/registry.ts');
  assert.equal(kindSchema('acme/plugins.cfg')?.title, 'acme/plugins.cfg');
  assert.deepEqual(sectionTypes('tape.cfg').sort(), ['changer', 'lto', 'virtual']);
  assert.equal(sectionSchema('datastore.cfg', 'datastore')?.['x-pbs-id-property'], 'name');
  assert.equal(sectionSchema('datastore.cfg', 'toString'), undefined);
  assert.equal(propertySchema('prune.cfg', 'prune', 'keep-last')?.minimum, 1);
  assert.equal(propertySchema('node.cfg', undefined, 'http-proxy')?.format, 'http-proxy');
  assert.equal(propertySchema('datastore.cfg', 'datastore', 'constructor'), undefined);
  assert.ok(Object.hasOwn(aclRoles(), 'DatastoreAdmin'));
});

// ---------------------------------------------------------------------------------------------
// Rules checked against the Rust source in the 2026-12 audit (proxmox-rs f3305009)

test('acme/plugins.cfg: DNS plugin data may carry base64url padding (PBS decodes with or without)', () => {
  expectProblems('acme/plugins.cfg', 'dns: cf\n\tapi cf\n\tdata Q0ZfVG9rZW49YWJj\n', []);
  expectProblems('acme/plugins.cfg', 'dns: cf\n\tapi cf\n\tdata Q0ZfVG9rZW49YWI=\n', []);
  expectProblems('acme/plugins.cfg', 'dns: cf\n\tapi cf\n\tdata Q0ZfVG9r<|+|>ZW49YWI\n', [['invalid-format', 'error']]);
});

test('notifications.cfg: a match-field entry has no length limit (the 1..1024 entry schema is unused in proxmox-notify)', () => {
  expectProblems('notifications.cfg', `matcher: long\n\tmatch-field exact:hostname=${'h'.repeat(1200)}\n\ttarget mail-to-root\n`, []);
  expectProblems('notifications.cfg', 'matcher: bad\n\tmatch-field <|hostname=pbs1|>\n\ttarget mail-to-root\n', [['invalid-format', 'error']]);
});
