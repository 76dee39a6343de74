// `pbs-tools` on hostile input, one test per class of input (issue 12): every case ends within
// 10 s and 400 MB (measured on the real process) with a clear error or a located finding, and the
// exact message and exit status are part of the contract.
//
//   1. reads of files that are not regular files, or too big: devices, FIFOs, 10 GB
//   2. symbolic link loops and repeated links in lint's directory walk
//   3. exit statuses and messages: output errors, no PBS file found, usage errors
//   4. control characters in everything printed as text
//   5. writing proxy.pem and proxy.key together, or neither
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH } from '../helpers/cli.ts';
import { describeRun, runCliMeasured, withinHostileLimits, type MeasureOptions, type MeasuredResult } from '../helpers/hostile.ts';

const ESC = '\x1b';
const BEL = '\x07';
/** A title change, a screen clear and a C1 CSI: what a hostile file would carry. */
const HOSTILE = `${ESC}]0;pwned${BEL}${ESC}[2J\u009b31m`;
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'pbs-hostile-cli-'));
}

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/** Runs the CLI and asserts the hostile bounds before anything else. */
async function run(args: string[], options: MeasureOptions = {}): Promise<MeasuredResult> {
  const r = await runCliMeasured(args, options);
  assert.ok(withinHostileLimits(r), `pbs-tools ${args.join(' ')}: out of bounds\n${describeRun(r)}`);
  return r;
}

const DATASTORE = 'datastore: store1\n\tpath /mnt/store1\n';
const BAD_PRUNE = 'prune: daily\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n';

// ---------------------------------------------------------------------------------------------
// 1. Reads: stat before read, regular files only, every read capped

test('lint: a PBS file that is a device or a FIFO, given directly, is an unreadable-file finding, never read (exit 2)', async () => {
  const dir = workdir();
  symlinkSync('/dev/zero', join(dir, 'datastore.cfg'));
  fifo(join(dir, 'sync.cfg'));
  for (const [name, what] of [['datastore.cfg', 'a character device'], ['sync.cfg', 'a named pipe (FIFO)']]) {
    const r = await run(['lint', name], { cwd: dir });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, `${name}:1:1: error unreadable-file not read: it is ${what}, not a regular file\n`);
    assert.equal(r.stderr, '1 error, 0 warnings, 0 info/hints in 1 file\npbs-tools lint: 1 of 1 files could not be read (see the unreadable-file findings); the check is incomplete\n');
  }
});

test('lint: devices, FIFOs and a 10 GB file found in a directory walk are reported; the other files are still linted', async () => {
  const dir = workdir();
  symlinkSync('/dev/urandom', join(dir, 'datastore.cfg'));
  writeFileSync(join(dir, 'prune.cfg'), BAD_PRUNE);
  // Six FIFOs: more than libuv's four pool threads, which blocking opens would all hold forever.
  for (const name of ['sync.cfg', 'remote.cfg', 'user.cfg', 'tape.cfg', 'verification.cfg', 'media-pool.cfg']) fifo(join(dir, name));
  writeFileSync(join(dir, 'acl.cfg'), '');
  truncateSync(join(dir, 'acl.cfg'), 10 * 2 ** 30); // sparse: 10 GiB that take no disk
  const r = await run(['lint', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.code, 2, describeRun(r));
  const findings = JSON.parse(r.stdout) as { file: string; line: number; code: string; message: string }[];
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`),
    [
      'acl.cfg:1 unreadable-file not read: it is 10 GiB, more than the 16 MiB read at most',
      'datastore.cfg:1 unreadable-file not read: it is a character device, not a regular file',
      'media-pool.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'remote.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'sync.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'tape.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'user.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'verification.cfg:1 unreadable-file not read: it is a named pipe (FIFO), not a regular file',
      'prune.cfg:2 out-of-range keep-last: 0 is below the minimum 1',
    ],
  );
  assert.equal(r.stderr, 'pbs-tools lint: 8 of 9 files could not be read (see the unreadable-file findings); the check is incomplete\n');
});

test('lint: all files together are capped too; a file past the cap is reported and the rest is linted', async () => {
  const dir = workdir();
  const sections = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
  // 12 MiB each: under the per-file cap, over the 20 MiB of one run together.
  const datastores = sections(120_000, (i) => `datastore: store${i}\n\tpath /mnt/store${i}\n\tcomment ${'x'.repeat(30)}\n`);
  writeFileSync(join(dir, 'datastore.cfg'), datastores.padEnd(12 << 20, '\n'));
  writeFileSync(join(dir, 'prune.cfg'), `${BAD_PRUNE}\n`.padEnd(12 << 20, '\n'));
  const r = await run(['lint', '.'], { cwd: dir });
  assert.equal(r.code, 2, describeRun(r));
  assert.equal(r.stdout, 'prune.cfg:1:1: error unreadable-file not read: the files before it already take up most of the 20 MiB read in one run; give it on its own\n');
});

test('key info/test: a key file that is a device or a FIFO is refused by name, exit 1', async () => {
  const dir = workdir();
  symlinkSync('/dev/zero', join(dir, 'zero.json'));
  fifo(join(dir, 'fifo.json'));
  for (const sub of ['info', 'test']) {
    const zero = await run(['key', sub, 'zero.json'], { cwd: dir });
    assert.equal(zero.code, 1);
    assert.equal(zero.stderr, "pbs-tools key: cannot read key file 'zero.json': it is a character device, not a regular file\n");
    const pipe = await run(['key', sub, 'fifo.json'], { cwd: dir });
    assert.equal(pipe.code, 1);
    assert.equal(pipe.stderr, "pbs-tools key: cannot read key file 'fifo.json': it is a named pipe (FIFO), not a regular file\n");
  }
});

test('key test/create: passphrase files that are devices are refused; a pipe is read without blocking', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'pass'), 'correct horse battery staple\n');
  const created = await run(['key', 'create', 'k.json', '--kdf', 'pbkdf2', '--new-passphrase-file', 'pass'], { cwd: dir });
  assert.equal(created.code, 0, describeRun(created));
  symlinkSync('/dev/zero', join(dir, 'zero'));
  symlinkSync('/dev/urandom', join(dir, 'random'));
  fifo(join(dir, 'fifo'));

  const zero = await run(['key', 'test', 'k.json', '--passphrase-file', 'zero'], { cwd: dir });
  assert.equal(zero.code, 1);
  assert.equal(zero.stderr, "pbs-tools key: cannot read passphrase file 'zero': it is a character device, not a regular file\n");
  const env = { ...process.env, PBS_ENCRYPTION_PASSWORD: undefined, PBS_ENCRYPTION_PASSWORD_FILE: 'random' };
  const fromEnv = await run(['key', 'test', 'k.json'], { cwd: dir, env });
  assert.equal(fromEnv.code, 1);
  assert.equal(fromEnv.stderr, "pbs-tools key: cannot read passphrase file (from PBS_ENCRYPTION_PASSWORD_FILE) 'random': it is a character device, not a regular file\n");
  const newZero = await run(['key', 'create', 'k2.json', '--new-passphrase-file', 'zero'], { cwd: dir });
  assert.equal(newZero.code, 1);
  assert.equal(newZero.stderr, "pbs-tools key: cannot read new passphrase file 'zero': it is a character device, not a regular file\n");
  assert.equal(existsSync(join(dir, 'k2.json')), false);
  // A FIFO nobody writes to reads as empty at once (a blocking open would wait for a writer forever).
  const pipe = await run(['key', 'test', 'k.json', '--passphrase-file', 'fifo'], { cwd: dir });
  assert.equal(pipe.code, 1);
  assert.match(pipe.stderr, /^pbs-tools key: key file 'k\.json': passphrase is too short \(PBS requires at least 5 bytes\) — check the passphrase source; an empty file or variable gives an empty passphrase\n$/);
});

test('cert info and blob inspect: devices and FIFOs are refused by name, exit 1', async () => {
  const dir = workdir();
  symlinkSync('/dev/zero', join(dir, 'zero'));
  fifo(join(dir, 'fifo'));
  for (const [args, what] of [[['cert', 'info'], 'certificate'], [['blob', 'inspect'], 'blob']] as const) {
    const zero = await run([...args, 'zero'], { cwd: dir });
    assert.equal(zero.code, 1);
    assert.equal(zero.stderr, `pbs-tools ${args[0]}: cannot read ${what} 'zero': it is a character device, not a regular file\n`);
    const pipe = await run([...args, 'fifo'], { cwd: dir });
    assert.equal(pipe.code, 1);
    assert.equal(pipe.stderr, `pbs-tools ${args[0]}: cannot read ${what} 'fifo': it is a named pipe (FIFO), not a regular file\n`);
  }
});

test('sha256: FILE or --check list that is a device or FIFO is refused; the other files are still hashed', async () => {
  const dir = workdir();
  symlinkSync('/dev/zero', join(dir, 'zero'));
  fifo(join(dir, 'fifo'));
  writeFileSync(join(dir, 'a'), 'abc');
  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  const files = await run(['sha256', 'zero', 'a', 'fifo'], { cwd: dir });
  assert.equal(files.code, 1);
  assert.equal(files.stdout, `${abc}  a\n`);
  assert.equal(
    files.stderr,
    "pbs-tools sha256: cannot read file 'zero': it is a character device, not a regular file\n" +
      "pbs-tools sha256: cannot read file 'fifo': it is a named pipe (FIFO), not a regular file\n",
  );
  const list = await run(['sha256', '--check', 'fifo'], { cwd: dir });
  assert.equal(list.code, 1);
  assert.equal(list.stderr, "pbs-tools sha256: cannot read checksum list 'fifo': it is a named pipe (FIFO), not a regular file\n");
  writeFileSync(join(dir, 'SUMS'), `${abc}  a\n${abc}  zero\n`);
  const listed = await run(['sha256', '--check', 'SUMS'], { cwd: dir });
  assert.equal(listed.code, 1);
  assert.equal(listed.stdout, 'a: OK\nzero: FAILED open or read\n');
  // Standard input stays allowed, capped for a checksum list.
  const stdin = await run(['sha256', '--check', '-'], { cwd: dir, input: Buffer.alloc(17 << 20, 0x30) });
  assert.equal(stdin.code, 1);
  assert.equal(stdin.stderr, 'pbs-tools sha256: the checksum list on standard input is more than the 16 MiB read at most; is it a checksum list?\n');
});

// ---------------------------------------------------------------------------------------------
// 2. Symbolic link loops in lint's walk

test('lint: symbolic link loops are named and not followed; a file reached through two links is linted once', async () => {
  const dir = workdir();
  mkdirSync(join(dir, 'etc/a/b'), { recursive: true });
  writeFileSync(join(dir, 'etc/prune.cfg'), BAD_PRUNE);
  symlinkSync('..', join(dir, 'etc/a/b/up')); // back to etc/a
  symlinkSync('../..', join(dir, 'etc/a/b/top')); // back to etc
  for (let i = 0; i < 30; i++) symlinkSync('.', join(dir, `etc/a/self${i}`)); // exponential paths without the bookkeeping
  mkdirSync(join(dir, 'etc/z'));
  symlinkSync('../prune.cfg', join(dir, 'etc/z/prune.cfg')); // the same file once more
  const r = await run(['lint', 'etc'], { cwd: dir });
  assert.equal(r.code, 1, describeRun(r));
  assert.equal(r.stdout, 'etc/prune.cfg:2:12: error out-of-range keep-last: 0 is below the minimum 1\n');
  const notes = r.stderr.split('\n').filter((l) => l.startsWith('pbs-tools lint: note:'));
  assert.deepEqual(notes.slice(0, 3), [
    "pbs-tools lint: note: 'etc/a/b/top' leads back to 'etc' (a symbolic link loop); not followed",
    "pbs-tools lint: note: 'etc/a/b/up' leads back to 'etc/a' (a symbolic link loop); not followed",
    "pbs-tools lint: note: 'etc/a/self0' leads back to 'etc/a' (a symbolic link loop); not followed",
  ]);
  assert.equal(notes.length, 21, 'at most 20 notes of a sort, then a count');
  assert.equal(notes[20], 'pbs-tools lint: note: … and 12 more notes like these');
  assert.match(r.stderr, /1 error, 0 warnings, 0 info\/hints in 1 file\n$/);
});

// ---------------------------------------------------------------------------------------------
// 3. Exit statuses and messages

test('output errors: a full disk exits 2 with a message, a closed pipe exits quietly (any subcommand)', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'prune.cfg'), BAD_PRUNE);
  const full = openSync('/dev/full', 'w');
  try {
    const lint = await run(['lint', dir], { stdoutFd: full });
    assert.equal(lint.code, 2, describeRun(lint));
    assert.equal(
      lint.stderr,
      '1 error, 0 warnings, 0 info/hints in 1 file\npbs-tools lint: cannot write to standard output: no space left on the device; the output is incomplete\n',
    );
    const schedule = await run(['schedule', 'daily', '--from', '2025-01-01', '--utc'], { stdoutFd: full });
    assert.equal(schedule.code, 2, describeRun(schedule));
    assert.equal(schedule.stderr, 'pbs-tools schedule: cannot write to standard output: no space left on the device; the output is incomplete\n');
  } finally {
    closeSync(full);
  }
  // `pbs-tools schedule … | head -c 100`: 10000 lines do not fit a pipe's buffer.
  const closed = await run(['schedule', 'hourly', '-n', '10000', '--from', '2025-01-01', '--utc'], { closeStdoutAfterBytes: 100 });
  assert.equal(closed.code, 141, describeRun(closed));
  assert.equal(closed.stderr, '');
});

test('standard output left non-blocking by code before ours: a reader that waits still gets all of it', async () => {
  // Making process.stdout first (a preload here) leaves the pipe non-blocking, so a write straight
  // to the descriptor finds it full (EAGAIN) while the reader waits; Node's stream then takes over.
  const dir = workdir();
  const preload = join(dir, 'stdout-first.cjs');
  writeFileSync(preload, 'process.stdout;\n');
  const args = ['--require', preload, CLI_PATH, 'schedule', 'hourly', '-n', '10000', '--from', '2025-01-01', '--utc'];
  const result = await new Promise<{ code: number | null; lines: number; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.pause();
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stdout.resume();
    }, 500);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: stdout.split('\n').length - 1, stderr }));
  });
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  assert.equal(result.lines, 10000);
});

test('lint of paths without a PBS file exits 2 and says so; near names are named, other files are not', async () => {
  const empty = workdir();
  const r = await run(['lint', empty]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `pbs-tools lint: no PBS configuration files found in '${empty}': files are recognized by name (datastore.cfg, sync.cfg, acme/plugins.cfg, …); give a file with --kind to read it as one\n`,
  );

  const misnamed = workdir();
  for (const name of ['datastores.cfg', 'datastore.conf', 'README.md', 'notes.txt', 'sync.cfg.j2']) writeFileSync(join(misnamed, name), DATASTORE);
  for (const args of [['lint', '.'], ['lint', '--kind', 'datastore.cfg', '.']]) {
    const m = await run(args, { cwd: misnamed });
    assert.equal(m.code, 2);
    assert.equal(m.stdout, '');
    assert.equal(
      m.stderr,
      "pbs-tools lint: note: skipped 'datastore.conf': not a PBS file name (did you mean datastore.cfg?)\n" +
        "pbs-tools lint: note: skipped 'datastores.cfg': not a PBS file name (did you mean datastore.cfg?)\n" +
        "pbs-tools lint: note: skipped 'sync.cfg.j2': not a PBS file name (did you mean sync.cfg?)\n" +
        "pbs-tools lint: no PBS configuration files found in '.': files are recognized by name (datastore.cfg, sync.cfg, acme/plugins.cfg, …); give a file with --kind to read it as one\n",
    );
  }
});

test('lint --format json|sarif on a missing path: exit 2, nothing on stdout, the message on stderr', async () => {
  for (const format of ['json', 'sarif', 'text']) {
    const r = await run(['lint', '--format', format, '/nonexistent/datastore.cfg']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "pbs-tools lint: cannot read '/nonexistent/datastore.cfg': no such file or directory\n");
  }
});

test('cert generate checks every argument before it says or makes anything', async () => {
  const dir = join(workdir(), 'out');
  for (const [args, message] of [
    [['--bits', '1024'], 'RSA keys are 2048, 3072, 4096 bits, not 1024'],
    [['--san', `bad name${HOSTILE}`], "'bad name\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m' is neither a DNS name nor an IP address"],
    [['--days', '0'], 'validity must be 1 to 365000 days, not 0'],
    [['--key-type', 'ec', '--bits', '521'], 'EC keys are 256 or 384 bits (P-256, P-384), not 521'],
  ]) {
    const r = await run(['cert', 'generate', '--out-dir', dir, ...args]);
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `pbs-tools cert: ${message}\n`);
    assert.equal(existsSync(dir), false, 'no directory made');
  }
});

test("usage errors are worded like the CLI's own, not node:util's", async () => {
  const cases: [string[], string][] = [
    [['lint', '-1'], "pbs-tools lint: unknown option '-1'; see 'pbs-tools lint --help'\n"],
    [['lint', '--format'], "pbs-tools lint: option --format needs a value; see 'pbs-tools lint --help'\n"],
    [
      ['lint', '--format', '--kind', 'x'],
      "pbs-tools lint: option --format needs a value, not '--kind' (a value starting with '-' is written --format=--kind); see 'pbs-tools lint --help'\n",
    ],
    [['schedule', 'daily', '-n'], "pbs-tools schedule: option -n/--count needs a value; see 'pbs-tools schedule --help'\n"],
    [['cert', 'generate', '--force=yes'], "pbs-tools cert: option --force takes no value; see 'pbs-tools cert generate --help'\n"],
    [['sha256', '--bogus'], "pbs-tools sha256: unknown option '--bogus'; see 'pbs-tools sha256 --help'\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr, stderr);
  }
  const key = await run(['key', 'test', 'k.json', '--bogus']);
  assert.equal(key.code, 2);
  assert.match(key.stderr, /^pbs-tools key: key test: unknown option '--bogus'\n\nusage: pbs-tools key test FILE/);
  assert.doesNotMatch(key.stderr + (await run(['lint', '-1'])).stderr, /To specify a positional argument|Unknown option/);
});

// ---------------------------------------------------------------------------------------------
// 4. Control characters in text output

test('lint: control characters in ids, values and file names never reach the terminal raw; JSON and SARIF stay valid', async () => {
  const dir = workdir();
  const sub = join(dir, `etc${HOSTILE}\nfake.cfg:1:1: ok`);
  mkdirSync(sub);
  writeFileSync(join(sub, 'datastore.cfg'), `datastore: st${HOSTILE}ore\n\tpath /mnt/x${HOSTILE}\n\tcomment hi${HOSTILE}\n\tgc-schedule daily${HOSTILE}\n`);
  const text = await run(['lint', '.'], { cwd: dir });
  assert.equal(text.code, 1, describeRun(text));
  assert.doesNotMatch(text.stdout + text.stderr, RAW_CONTROL);
  const lines = text.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 3, 'one line per finding: the newline in the folder name is escaped');
  for (const l of lines) assert.ok(l.startsWith("etc\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\x0afake.cfg:1:1: ok/datastore.cfg:"), l);
  assert.match(text.stdout, /datastore id 'st\\x1b\]0;pwned\\x07\\x1b\[2J/); // the rest as the service escapes it

  for (const format of ['json', 'sarif']) {
    const r = await run(['lint', '--format', format, '.'], { cwd: dir });
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    const doc = JSON.parse(r.stdout);
    const files: string[] =
      format === 'json'
        ? doc.map((f: { file: string }) => f.file)
        : doc.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri);
    // The folder name itself, C1 included: escaped for the terminal only in ways JSON reads back.
    assert.deepEqual(new Set(files), new Set([`etc${HOSTILE}\nfake.cfg:1:1: ok/datastore.cfg`]));
  }
});

test('schedule, key info and cert info: the expression, the hint and the certificate names are shown escaped', async () => {
  const dir = workdir();
  const schedule = await run(['schedule', `daily${HOSTILE}`]);
  assert.equal(schedule.code, 1);
  assert.doesNotMatch(schedule.stderr, RAW_CONTROL);
  assert.match(schedule.stderr, /daily\\x1b\]0;pwned\\x07/);

  writeFileSync(
    join(dir, 'k.json'),
    JSON.stringify({ kdf: null, created: '2024-06-01T12:00:00+02:00', modified: '2024-06-01T12:00:00+02:00', data: Buffer.alloc(32, 7).toString('base64'), hint: `x${HOSTILE}\nfingerprint: OK` }),
  );
  const info = await run(['key', 'info', 'k.json'], { cwd: dir });
  assert.equal(info.code, 0, describeRun(info));
  assert.doesNotMatch(info.stdout, RAW_CONTROL);
  assert.match(info.stdout, /^hint: {8}x\\x1b\]0;pwned\\x07\\x1b\[2J\\u009b31m\\x0afingerprint: OK$/m);
  assert.doesNotMatch(info.stdout, /^fingerprint: OK/m, 'no forged line');
  const json = await run(['key', 'info', 'k.json', '--output-format', 'json'], { cwd: dir });
  assert.equal(JSON.parse(json.stdout).hint, `x${HOSTILE}\nfingerprint: OK`);

  const cert = await selfSignedWithName(`evil${HOSTILE}`);
  writeFileSync(join(dir, 'c.pem'), cert);
  const shown = await run(['cert', 'info', 'c.pem'], { cwd: dir });
  assert.equal(shown.code, 0, describeRun(shown));
  assert.doesNotMatch(shown.stdout, RAW_CONTROL);
  assert.match(shown.stdout, /^subject: {5}CN = evil/m);
});

/** A self-signed certificate whose CN and SAN hold `name` as it is (PBS's generator refuses such names). */
async function selfSignedWithName(name: string): Promise<string> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const { webcrypto } = await import('node:crypto');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as import('node:crypto').webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: [{ CN: [name] }],
    notBefore: new Date('2025-01-01'),
    notAfter: new Date('2035-01-01'),
    signingAlgorithm: alg,
    keys,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: name }])],
  });
  return cert.toString('pem');
}

// ---------------------------------------------------------------------------------------------
// 5. proxy.pem and proxy.key: both or neither

test('cert generate --force: when proxy.pem cannot be written, the old proxy.key stays and the message names proxy.pem', async () => {
  const dir = workdir();
  const first = await run(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs.example.com', '--key-type', 'ec']);
  assert.equal(first.code, 0, describeRun(first));
  assert.equal(first.stderr, 'generating an EC P-256 key …\n');
  const oldKey = readFileSync(join(dir, 'proxy.key'));
  const oldIno = statSync(join(dir, 'proxy.key')).ino;
  execFileSync('rm', [join(dir, 'proxy.pem')]);
  mkdirSync(join(dir, 'proxy.pem'));
  writeFileSync(join(dir, 'proxy.pem', 'keep'), 'x'); // a directory no rename can replace

  const r = await run(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs.example.com', '--key-type', 'ec', '--force']);
  assert.equal(r.code, 1, describeRun(r));
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'generating an EC P-256 key …\n' +
      `pbs-tools cert: cannot write file '${join(dir, 'proxy.pem')}': it is a directory; nothing was replaced: proxy.key and proxy.pem in '${dir}' are as they were\n`,
  );
  assert.deepEqual(readFileSync(join(dir, 'proxy.key')), oldKey, 'the old key, byte for byte');
  assert.equal(statSync(join(dir, 'proxy.key')).ino, oldIno, 'the very same file, put back');
  assert.equal(statSync(join(dir, 'proxy.key')).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir).sort(), ['proxy.key', 'proxy.pem'], 'no temporary file or backup left');
});

test('temporary files left by a killed run are named as ours and removed by the next run once stale', async () => {
  const dir = workdir();
  const stale = join(dir, '.proxy.key.pbs-tools-tmp-0123456789ab');
  const fresh = join(dir, '.proxy.pem.pbs-tools-tmp-ba9876543210');
  const foreign = join(dir, '.proxy.key.tmp-0123456789ab');
  for (const p of [stale, fresh, foreign]) writeFileSync(p, '-----BEGIN PRIVATE KEY-----\n', { mode: 0o600 });
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(stale, hourAgo, hourAgo);
  utimesSync(foreign, hourAgo, hourAgo);
  const r = await run(['cert', 'generate', '--out-dir', dir, '--cn', 'pbs.example.com', '--key-type', 'ec']);
  assert.equal(r.code, 0, describeRun(r));
  assert.deepEqual(
    readdirSync(dir).sort(),
    ['.proxy.key.tmp-0123456789ab', '.proxy.pem.pbs-tools-tmp-ba9876543210', 'proxy.key', 'proxy.pem'],
    'the stale one removed; a fresh one (a write running now?) and files not ours kept',
  );
});
