// The PBS string formats as named checks: what each accepts, what it refuses, and where in the value
// the refusal points. One accepted and one refused value per rule; the refused ones mark the exact
// offending characters with <|…|>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, formatCode, formatHints } from '../../../schema/formats/index.ts';
import { rustRegexFailure } from '../../../schema/formats/rust-regex.ts';
import { kindNames, kindSchema } from '../../../schema/registry.ts';
import { marked } from '../../helpers/marked.ts';

/** The value without markers must fail `format`, pointing at the marked range. */
function refuses(format: string, src: string, reason?: RegExp): void {
  const { text, ranges } = marked(src);
  const f = FORMATS[format](text);
  assert.ok(f, `${format} should refuse ${JSON.stringify(text)}`);
  if (ranges.length > 0) {
    assert.deepEqual({ start: f.offset, end: f.offset + f.length }, ranges[0], `${format} ${JSON.stringify(text)}: ${f.reason}`);
  }
  if (reason) assert.match(f.reason, reason);
}

function accepts(format: string, ...values: string[]): void {
  for (const v of values) assert.equal(FORMATS[format](v)?.reason, undefined, `${format} should accept ${JSON.stringify(v)}`);
}

test('every format the schema data uses is implemented', () => {
  const used = new Set<string>();
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if (k === 'format' && typeof v === 'string') used.add(v);
        else walk(v);
      }
    }
  };
  for (const k of kindNames()) walk(kindSchema(k));
  for (const f of used) assert.ok(FORMATS[f], `format ${f} is used by the data but not implemented`);
});

test('safe-id: letters, digits, _ first; then also . and -', () => {
  accepts('safe-id', 'store1', '_x', 'a.b-c_d', '0');
  refuses('safe-id', '<|-|>store', /start/);
  refuses('safe-id', 'my<| |>store', /blank/);
  refuses('safe-id', 'st<|ö|>re');
  refuses('safe-id', '', /empty/);
});

test('single-line comments refuse control characters, tabs included', () => {
  accepts('single-line-comment', '', 'Backup of the web servers – nightly', 'ümlaut ✓');
  refuses('single-line-comment', 'a<|\t|>b', /tab/);
  refuses('single-line-comment', 'x<|\x7f|>', /U\+007F/);
});

test('multi-line comments pass as soon as one line is free of control characters (Rust is_match)', () => {
  accepts('multi-line-comment', 'ok', 'a\tb\nclean');
  refuses('multi-line-comment', 'a<|\t|>b');
});

test('user ids: name@realm, split at the last @, realm 2..32 checked when PBS loads the id', () => {
  accepts('user-id', 'root@pam', 'john.doe@example.com@ldap', 'a@pbs');
  refuses('user-id', 'john<| |>doe@pbs', /blank/);
  refuses('user-id', 'jo<|:|>hn@pbs');
  refuses('user-id', 'john@<|p|>');
  assert.equal(FORMATS['user-id']('john@p')?.stage, 'load');
  refuses('user-id', '<|john|>', /no '@'/);
  refuses('user-id', 'sync@pbs<|!tok|>', /token/);
  // U+0085 (NEL) is white space for Rust's \s, although JavaScript's \s does not know it.
  refuses('user-id', 'a<|\u0085|>b@pbs');
});

test('token ids need a safe-id token name after the realm', () => {
  accepts('token-id', 'sync@pbs!push-dr', 'root@pam!t');
  refuses('token-id', 'sync@pbs<||>', /!token/);
  refuses('token-id', 'sync@pbs!<|-|>x');
  accepts('auth-id', 'root@pam', 'sync@pbs!push');
  refuses('auth-id', '<|sync|>', /no '@'/);
});

test('namespaces: up to 7 safe-id levels, no empty level; an eighth passes the parser and fails on load', () => {
  // pbs-api-types: the namespace regex takes 8 levels, BackupNamespace (MAX_NAMESPACE_DEPTH 7) not
  accepts('backup-namespace', '', 'a', 'a/b/c/d/e/f/g', 'x'.repeat(255));
  refuses('backup-namespace', 'a/b/c/d/e/f/g/<|h|>', /at most 7 levels/);
  assert.equal(FORMATS['backup-namespace']('a/b/c/d/e/f/g/h')?.stage, 'load');
  refuses('backup-namespace', 'a/b/c/d/e/f/g/<|h/i|>', /at most 7 levels/);
  assert.equal(FORMATS['backup-namespace']('a/b/c/d/e/f/g/h/i')?.stage, undefined);
  assert.equal(FORMATS['backup-namespace']('x'.repeat(256))?.stage, 'load');
  refuses('backup-namespace', 'a/<||>/b', /empty/);
  refuses('backup-namespace', 'a/b<| |>c');
});

test('IPv4 and IPv6 as PBS reads them: no leading zeros, one ::, embedded IPv4 only at the end', () => {
  accepts('ip', '192.168.1.10', '0.0.0.0', '::', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::');
  refuses('ipv4', '192.168.<|300|>.1', /255/);
  refuses('ipv4', '192.168.<|01|>.1', /leading zero/);
  refuses('ipv6', '1::2<|::|>3', /once/);
  refuses('ipv6', '1:2:3:4:5:6:7:8:9', /8 groups/);
  refuses('ipv6', '1:2:3:4:5:6::1.2.3.4', /too many/);
  refuses('ipv6', '<|12345|>::1', /4 hex/);
});

test('CIDR: the prefix length is required and must fit the address (PBS only notices when it applies the rule)', () => {
  accepts('cidr', '10.0.0.0/8', '192.168.2.1/24', '2001:db8::/32', '::/0');
  refuses('cidr', '10.0.0.0<||>', /prefix length/);
  refuses('cidr', '10.0.0.0/<|33|>', /above 32/);
  assert.equal(FORMATS.cidr('10.0.0.0/33')?.stage, 'use');
  refuses('cidr', '2001:db8::/<|129|>', /above 128/);
});

test('DNS names, host:port and URLs', () => {
  accepts('dns-name', 'pbs', 'pbs.example.com', 'a-b.c0');
  refuses('dns-name', 'pbs<|_|>1.example.com');
  refuses('dns-name', 'pbs.example.com.<||>', /empty label/);
  refuses('dns-name', 'pbs<|-|>.example.com', /end with '-'/);
  accepts('dns-alias', '_acme-challenge.example.com');
  accepts('dns-name-or-ip', 'pbs.example.com', '10.0.0.1', 'fe80::1');
  accepts('host-port', 'influx.example.com:8089', '10.0.0.1:8089', '[fe80::1]:8089');
  refuses('host-port', 'influx.example.com<||>', /port/);
  refuses('host-port', 'influx.example.com:<|70000|>', /65535/);
  refuses('host-port', '<|fe80::1:8089|>', /brackets/);
  accepts('http-url', 'https://influx.example.com:8086', 'http://10.0.0.1/api/v2', 'https://[::1]:8086/x');
  refuses('http-url', '<|ftp|>://x', /http/);
  refuses('http-url', 'https://influx.example.com:<|99999|>');
});

test('HTTP proxy: [http://][user:password@]host[:port], only the http scheme', () => {
  accepts('http-proxy', 'proxy.example.com:3128', 'http://proxy:3128', 'http://user:secret@proxy.example.com:8080', 'proxy');
  refuses('http-proxy', '<|https|>://proxy:3128', /https/);
  refuses('http-proxy', 'proxy:<|99999|>');
});

test('UUIDs are lower-case, fingerprints are 32 hex pairs joined by :', () => {
  accepts('uuid', '0b5c8d2e-1f3a-4c5b-9d6e-7f8091a2b3c4');
  refuses('uuid', '0B5C8D2E-1F3A-4C5B-9D6E-7F8091A2B3C4', /lower-case/);
  accepts('sha256-fingerprint', Array(32).fill('aB').join(':'));
  refuses('sha256-fingerprint', 'a'.repeat(64), /':'/);
});

test('S3 endpoint, region and bucket name', () => {
  accepts('s3-endpoint', 's3.eu-central-1.amazonaws.com', '{{bucket}}.s3.{{region}}.amazonaws.com', '10.1.2.3', 'minio');
  refuses('s3-endpoint', '<|https://|>s3.dc2.example.com', /scheme/);
  refuses('s3-endpoint', 'minio<|:9000|>', /port/);
  accepts('s3-region', 'eu-central-1', 'us_east', 'x1');
  refuses('s3-region', 'Eu', undefined);
  accepts('s3-bucket-name', 'my-bucket-1');
  refuses('s3-bucket-name', 'my<|_|>bucket');
  refuses('s3-bucket-name', '<|xn--|>abc', /start with/);
  refuses('s3-bucket-name', 'abc<|--x-s3|>', /end with/);
});

test('group filters: optional include:/exclude:, then type:, group: or regex:', () => {
  accepts('group-filter', 'type:vm', 'exclude:type:ct', 'group:vm/100', 'include:regex:^vm/1\\d\\d$', 'regex:(?i)^HOST/', 'regex:(?P<id>\\d+)');
  refuses('group-filter', 'type:<|lxc|>', /vm, ct, host/);
  refuses('group-filter', '<|vm|>:100', /group/);
  refuses('group-filter', 'group:vm/1<| |>2');
  refuses('group-filter', 'regex:(', /compile/);
});

test('Rust regexes: look-around and backreferences fail, Rust-only syntax passes', () => {
  assert.equal(rustRegexFailure('^vm/[[:digit:]]+$'), undefined);
  assert.equal(rustRegexFailure('(?x) a b # verbose'), undefined);
  assert.equal(rustRegexFailure('\\Avm/\\d+\\z'), undefined);
  assert.equal(rustRegexFailure('vm\\-1\\#'), undefined);
  assert.match(rustRegexFailure('vm/(?!100)')!.reason, /look-ahead/);
  assert.match(rustRegexFailure('(a)\\1')!.reason, /backreference/);
  assert.match(rustRegexFailure('a{2,1}')!.reason, /compile/);
});

test('datastore backend: type rules of the property string', () => {
  accepts('datastore-backend', 'type=filesystem', 's3,client=s3-main,bucket=pbs-chunks', 'type=s3,client=abc,bucket=abc,max-cache-size=100 GiB');
  refuses('datastore-backend', 'type=s3,client=abc', /bucket/);
  refuses('datastore-backend', 'type=filesystem,<|client=abc|>', /not allowed/);
  refuses('datastore-backend', 'type=<|zfs|>', /filesystem, s3/);
});

test('value grammars report their own reasons; each maps to its diagnostic code', () => {
  accepts('calendar-event', 'daily', 'mon..fri 22:15', 'sat 03:00');
  assert.ok(FORMATS['calendar-event']('mon-fri 22:15'));
  accepts('time-span', '4w', '1h 30m');
  assert.ok(FORMATS['time-span']('4 wks'));
  accepts('human-byte', '10 MiB', '1.5G', '100');
  assert.ok(FORMATS['human-byte']('1KIB'));
  accepts('daily-duration', '8:00-17:30', 'mon..fri 8-17');
  accepts('media-set-policy', 'continue', 'always', 'daily');
  accepts('media-retention-policy', 'overwrite', 'keep', '30d');
  assert.match(FORMATS['media-retention-policy']('4 wks')!.reason, /overwrite/);
  assert.equal(formatCode('calendar-event'), 'invalid-schedule');
  assert.equal(formatCode('media-set-policy'), 'invalid-schedule');
  assert.equal(formatCode('time-span'), 'invalid-time-span');
  assert.equal(formatCode('media-retention-policy'), 'invalid-time-span');
  assert.equal(formatCode('human-byte'), 'invalid-size');
  assert.equal(formatCode('cidr'), 'invalid-format');
});

test('SI sizes get a hint with the binary spelling; binary sizes and plain bytes get none', () => {
  const [h] = formatHints('human-byte', '10MB');
  assert.equal(h.replacement, '10MiB');
  assert.equal(h.severity, 'hint');
  assert.match(h.message, /10,000,000 bytes/);
  assert.match(h.message, /10,485,760 bytes/);
  assert.deepEqual({ offset: h.offset, length: h.length }, { offset: 2, length: 2 });
  assert.equal(formatHints('human-byte', '10 m')[0].replacement, '10 MiB');
  assert.deepEqual(formatHints('human-byte', '10 MiB'), []);
  assert.deepEqual(formatHints('human-byte', '4096'), []);
});

// A hang guard, not a speed test (speed is bench/'s): on inputs of ~200k characters a linear check
// takes a few milliseconds, a quadratic one (backtracking at every position) tens of seconds. The
// bound sits far from both, so that a loaded machine never fails it and a regression always does.
const HOSTILE_BOUND_MS = 2000;

test('every format check stays linear on long hostile input', () => {
  const hostile = ['a'.repeat(200_000) + '!', '1:'.repeat(80_000) + 'x', '{{region}}.'.repeat(20_000) + '-', '\\'.repeat(80_001)];
  for (const [name, check] of Object.entries(FORMATS)) {
    for (const h of hostile) {
      const t0 = performance.now();
      check(h);
      assert.ok(performance.now() - t0 < HOSTILE_BOUND_MS, `${name} took ${Math.round(performance.now() - t0)} ms on hostile input (${h.length} characters)`);
    }
  }
});

test('absolute URLs as the WHATWG parser (and Rust url::Url) read them', () => {
  accepts('absolute-url', 'https://pbs.example.com:8007', 'https://[2001:db8::1]:8007/', 'http://10.0.0.1');
  refuses('absolute-url', '<|pbs example|>', /starts with a scheme/);
  refuses('absolute-url', '<|https://pbs example.com|>', /not a URL/);
});
