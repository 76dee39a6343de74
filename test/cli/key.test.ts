// `pbs-tools key` end to end: the round trip create → info → test → passwd → test, every way a
// key file can be bad (each a specific message, exit 1, nothing written), the passphrase sources
// including a real terminal, and the passphrase never in any output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBundlePath, CLI_PATH, runCli, type CliResult } from '../helpers/cli.ts';
import { commandModules } from '../../scripts/cli-bundle-modules.ts';
import { permissionsEnforced } from '../helpers/fs.ts';

const PASS = 'correct horse battery staple';
const NEW_PASS = 'Tr0ub4dor&3 new one';
const RAW = Buffer.from('b8baa96f3e5c08881cb4b61f3bd19072949d964ceb221c4785190d888584a31e', 'hex');
const RAW_FP = '34:76:43:60:08:fd:6f:bd:bf:2b:0d:f6:d4:40:be:57:22:8e:d5:f1:ed:99:1b:5a:9d:2b:95:85:17:41:ed:50';
const FP_LINE = /^([0-9a-f]{2}:){31}[0-9a-f]{2}\n$/;
const HAS_PYTHON = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

/** Every output of every run, to check at the end that no passphrase ever showed. */
const seen: string[] = [];
async function cli(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> {
  const r = await runCli(args, options);
  seen.push(r.stdout, r.stderr);
  return r;
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-key-cli-'));
  writeFileSync(join(dir, 'pass'), PASS + '\n');
  writeFileSync(join(dir, 'newpass'), NEW_PASS + '\r\nsecond line is ignored\n');
  writeFileSync(join(dir, 'wrongpass'), 'not the passphrase\n');
  writeFileSync(join(dir, 'short'), 'abcd\n');
  writeFileSync(
    join(dir, 'plain.json'),
    JSON.stringify({ kdf: null, created: '2024-06-01T12:00:00+02:00', modified: '2024-06-01T12:00:00+02:00', data: RAW.toString('base64'), fingerprint: RAW_FP }),
  );
  return dir;
}

test('round trip: create → info → test → passwd → test, as PBS would write and read it', async () => {
  const cwd = workdir();
  const created = await cli(['key', 'create', 'k.json', '--new-passphrase-file', 'pass', '--hint', 'the usual'], { cwd });
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, FP_LINE);
  const fp = created.stdout.trim();
  assert.equal(statSync(join(cwd, 'k.json')).mode & 0o777, 0o600);
  const text = readFileSync(join(cwd, 'k.json'), 'utf8');
  assert.match(text, /^\{"kdf":\{"Scrypt":\{"n":65536,"r":8,"p":1,"salt":"[A-Za-z0-9+/]{43}="\}\},"created":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d","modified":"[^"]+","data":"[A-Za-z0-9+/]{86}==","fingerprint":"[0-9a-f:]{95}","hint":"the usual"\}$/);

  const info = await cli(['key', 'info', 'k.json'], { cwd });
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /^path: +k\.json\nkdf: +scrypt \(n=65536, r=8, p=1, salt 32 bytes\)\ncreated: +\S+\nmodified: +\S+\nfingerprint: +(\S+)\nhint: +the usual\n$/);
  assert.ok(info.stdout.includes(fp));

  const tested = await cli(['key', 'test', 'k.json', '--passphrase-file', 'pass'], { cwd });
  assert.equal(tested.code, 0, tested.stderr);
  assert.equal(tested.stdout, `${fp}\n`);

  const createdAt = (JSON.parse(text) as { created: string }).created;
  const changed = await cli(['key', 'passwd', 'k.json', '--passphrase-file', 'pass', '--new-passphrase-file', 'newpass', '--kdf', 'pbkdf2'], { cwd });
  assert.equal(changed.code, 0, changed.stderr);
  assert.equal(changed.stdout, `${fp}\n`);
  const after = JSON.parse(readFileSync(join(cwd, 'k.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(after.created, createdAt);
  assert.deepEqual(Object.keys(after), ['kdf', 'created', 'modified', 'data', 'fingerprint']);
  assert.equal((after.kdf as { PBKDF2: { iter: number } }).PBKDF2.iter, 65535);
  assert.equal(statSync(join(cwd, 'k.json')).mode & 0o777, 0o600);

  const newOk = await cli(['key', 'test', 'k.json', '--passphrase-file', 'newpass'], { cwd });
  assert.equal(newOk.code, 0, newOk.stderr);
  assert.equal(newOk.stdout, `${fp}\n`);
  const oldNo = await cli(['key', 'test', 'k.json', '--passphrase-file', 'pass'], { cwd });
  assert.equal(oldNo.code, 1);
  assert.equal(oldNo.stdout, '');
  assert.match(oldNo.stderr, /^pbs-tools key: key file 'k\.json': unable to decrypt key: wrong passphrase, or the key data is corrupt/);
  assert.deepEqual(readdirSync(cwd).filter((f) => f.startsWith('.')), [], 'no temporary files left');
});

test('the passphrase comes from PBS_ENCRYPTION_PASSWORD (first line only) when no file is given', async () => {
  const cwd = workdir();
  const env = { ...process.env, PBS_ENCRYPTION_PASSWORD: PASS };
  const created = await cli(['key', 'create', 'k.json', '--kdf', 'pbkdf2'], { cwd, env });
  assert.equal(created.code, 0, created.stderr);
  const tested = await cli(['key', 'test', 'k.json'], { cwd, env: { ...process.env, PBS_ENCRYPTION_PASSWORD: `${PASS}\nrest` } });
  assert.equal(tested.code, 0, tested.stderr);
  assert.equal(tested.stdout, created.stdout);
  const viaFileVar = await cli(['key', 'test', 'k.json'], { cwd, env: { ...process.env, PBS_ENCRYPTION_PASSWORD_FILE: join(cwd, 'pass') } });
  assert.equal(viaFileVar.code, 0, viaFileVar.stderr);
  const wrong = await cli(['key', 'test', 'k.json'], { cwd, env: { ...process.env, PBS_ENCRYPTION_PASSWORD: 'wrong passphrase' } });
  assert.equal(wrong.code, 1);
});

test('a key file without KDF needs no passphrase; key test prints its fingerprint', async () => {
  const cwd = workdir();
  const r = await cli(['key', 'test', 'plain.json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${RAW_FP}\n`);
  const info = await cli(['key', 'info', 'plain.json', '--output-format', 'json'], { cwd, env: { ...process.env, TZ: 'UTC' } });
  assert.deepEqual(JSON.parse(info.stdout), {
    path: 'plain.json',
    kdf: 'none',
    created: '2024-06-01T10:00:00+00:00',
    modified: '2024-06-01T10:00:00+00:00',
    fingerprint: RAW_FP,
  });
  const none = await cli(['key', 'create', 'n.json', '--kdf', 'none'], { cwd });
  assert.equal(none.code, 0, none.stderr);
  assert.match(readFileSync(join(cwd, 'n.json'), 'utf8'), /^\{"kdf":null,/);
});

test('bad key files: each a specific message naming the file, exit 1', async () => {
  const cwd = workdir();
  const good = JSON.parse(readFileSync(join(cwd, 'plain.json'), 'utf8')) as Record<string, unknown>;
  const variant = (name: string, text: string) => writeFileSync(join(cwd, name), text);
  mkdirSync(join(cwd, 'adir'));
  variant('empty.json', '');
  variant('truncated.json', readFileSync(join(cwd, 'plain.json'), 'utf8').slice(0, 60));
  variant('notjson.json', 'datastore: store1\n');
  variant('badb64.json', JSON.stringify({ ...good, data: 'uLqpbz5cCIgctLYfO9GQcpSdlkzrIhxHhRkNiIWEox*=' }));
  variant('shortkey.json', JSON.stringify({ ...good, data: RAW.subarray(0, 16).toString('base64'), fingerprint: undefined }));
  variant('wrongfp.json', JSON.stringify({ ...good, fingerprint: 'ff'.repeat(32) }));
  variant('argon.json', JSON.stringify({ ...good, kdf: { Argon2id: { m: 65536 } } }));
  variant('huge-n.json', JSON.stringify({ ...good, kdf: { Scrypt: { n: 2 ** 22, r: 8, p: 1, salt: 'AAAA' } }, data: Buffer.alloc(64).toString('base64') }));
  variant('huge-iter.json', JSON.stringify({ ...good, kdf: { PBKDF2: { iter: 1e12, salt: 'AAAA' } }, data: Buffer.alloc(64).toString('base64') }));
  variant('shortdata.json', JSON.stringify({ ...good, kdf: { PBKDF2: { iter: 65535, salt: 'AAAA' } }, data: Buffer.alloc(40).toString('base64') }));
  variant('badtime.json', JSON.stringify({ ...good, created: '2024-06-01 12:00:00' }));
  const cases: [string, RegExp][] = [
    ['missing.json', /^pbs-tools key: cannot read key file 'missing\.json': no such file\n$/],
    ['adir', /^pbs-tools key: cannot read key file 'adir': it is a directory; give a file\n$/],
    ['empty.json', /key file 'empty\.json': the file is empty; a key file is a JSON object/],
    ['truncated.json', /key file 'truncated\.json': malformed JSON at line 1, column 61: unexpected end of input, expected ':' — is this a PBS key file/],
    ['notjson.json', /key file 'notjson\.json': malformed JSON at line 1, column 1: unexpected character, expected a value/],
    ['badb64.json', /key file 'badb64\.json': field 'data' is not valid base64: character 43 is not a base64 character/],
    ['shortkey.json', /the unencrypted key is 16 bytes, expected 32: the file is truncated or corrupt/],
    ['wrongfp.json', /KeyConfig contains wrong fingerprint ff:ff:ff:ff:ff:ff:ff:ff, contained key has fingerprint 34:76:43:60:08:fd:6f:bd/],
    ['argon.json', /unknown kdf 'Argon2id': PBS knows Scrypt and PBKDF2/],
    ['huge-n.json', /refusing to derive the key: scrypt n=4194304, r=8, p=1 needs 4096 MiB .*above our cap of 256 MiB .*, and above the 1025 MiB PBS allows/],
    ['huge-iter.json', /PBKDF2 iter=1000000000000 is above our cap of 10000000 iterations/],
    ['shortdata.json', /the encrypted data is 40 bytes, expected 64/],
    ['badtime.json', /field 'created': '2024-06-01 12:00:00' has 19 characters, not 20 or 25/],
  ];
  for (const [file, message] of cases) {
    const r = await cli(['key', 'test', file, '--passphrase-file', 'pass'], { cwd });
    assert.equal(r.code, 1, `${file}: ${r.stderr}`);
    assert.equal(r.stdout, '', file);
    assert.match(r.stderr, message, file);
  }
});

test('a corrupted byte in the encrypted data reads as wrong passphrase or corrupt data', async () => {
  const cwd = workdir();
  await cli(['key', 'create', 'k.json', '--kdf', 'pbkdf2', '--new-passphrase-file', 'pass'], { cwd });
  const doc = JSON.parse(readFileSync(join(cwd, 'k.json'), 'utf8')) as { data: string };
  const data = Buffer.from(doc.data, 'base64');
  data[50] ^= 0x01;
  writeFileSync(join(cwd, 'k.json'), JSON.stringify({ ...doc, data: data.toString('base64') }));
  const r = await cli(['key', 'test', 'k.json', '--passphrase-file', 'pass'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unable to decrypt key: wrong passphrase, or the key data is corrupt/);
});

test('an unreadable key file: permission denied where permissions apply (not for root)', async () => {
  const cwd = workdir();
  chmodSync(join(cwd, 'plain.json'), 0);
  const r = await cli(['key', 'test', 'plain.json'], { cwd });
  if (permissionsEnforced(cwd)) {
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read key file 'plain\.json': permission denied \(check its mode and owner\)/);
  } else {
    assert.equal(r.code, 0, 'root reads a mode-000 file');
    assert.equal(r.stdout, `${RAW_FP}\n`);
  }
});

test('passphrase problems: none available, too short, wrong — each exit 1 with what to do', async () => {
  const cwd = workdir();
  await cli(['key', 'create', 'k.json', '--kdf', 'pbkdf2', '--new-passphrase-file', 'pass', '--hint', 'the usual'], { cwd });
  const none = await cli(['key', 'test', 'k.json'], { cwd });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /key file 'k\.json' is protected by a passphrase and none was given: use --passphrase-file FILE, set PBS_ENCRYPTION_PASSWORD, or run on a terminal/);
  const short = await cli(['key', 'test', 'k.json', '--passphrase-file', 'short'], { cwd });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /passphrase is too short \(PBS requires at least 5 bytes\)/);
  const wrong = await cli(['key', 'test', 'k.json', '--passphrase-file', 'wrongpass'], { cwd });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /unable to decrypt key: wrong passphrase \(password hint: the usual\)/);
  const missingPassFile = await cli(['key', 'test', 'k.json', '--passphrase-file', 'nope'], { cwd });
  assert.equal(missingPassFile.code, 1);
  assert.match(missingPassFile.stderr, /cannot read passphrase file 'nope': no such file/);
});

test('create never replaces a file, and writes nothing when it fails', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'exists.json'), 'precious');
  const r = await cli(['key', 'create', 'exists.json', '--new-passphrase-file', 'pass'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /key file 'exists\.json' already exists; choose a new path \(nothing was written\)/);
  assert.equal(readFileSync(join(cwd, 'exists.json'), 'utf8'), 'precious');
  const short = await cli(['key', 'create', 'new.json', '--new-passphrase-file', 'short'], { cwd });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /the new passphrase is too short: PBS requires at least 5 bytes; nothing was written/);
  const noPass = await cli(['key', 'create', 'new.json'], { cwd });
  assert.equal(noPass.code, 1);
  assert.match(noPass.stderr, /no new passphrase for key file 'new\.json': use --new-passphrase-file FILE, set PBS_ENCRYPTION_PASSWORD, run on a terminal/);
  const noDir = await cli(['key', 'create', 'no/such/dir/k.json', '--kdf', 'none'], { cwd });
  assert.equal(noDir.code, 1);
  assert.match(noDir.stderr, /cannot write key file 'no\/such\/dir\/k\.json': directory 'no\/such\/dir' does not exist/);
  assert.ok(!existsSync(join(cwd, 'new.json')));
  assert.deepEqual(readdirSync(cwd).filter((f) => f.startsWith('.')), []);
});

test('passwd with a wrong old passphrase leaves the file byte for byte as it was', async () => {
  const cwd = workdir();
  await cli(['key', 'create', 'k.json', '--kdf', 'pbkdf2', '--new-passphrase-file', 'pass'], { cwd });
  const before = readFileSync(join(cwd, 'k.json'));
  const r = await cli(['key', 'passwd', 'k.json', '--passphrase-file', 'wrongpass', '--new-passphrase-file', 'newpass'], { cwd });
  assert.equal(r.code, 1);
  assert.deepEqual(readFileSync(join(cwd, 'k.json')), before);
  const short = await cli(['key', 'passwd', 'k.json', '--passphrase-file', 'pass', '--new-passphrase-file', 'short'], { cwd });
  assert.equal(short.code, 1);
  assert.deepEqual(readFileSync(join(cwd, 'k.json')), before);
});

test('usage errors exit 2; --help exits 0 with the usage on stdout', async () => {
  for (const args of [['key'], ['key', 'frobnicate'], ['key', 'test'], ['key', 'test', 'a', 'b'], ['key', 'create', 'k', '--kdf', 'argon2'], ['key', 'test', 'k', '--bogus'], ['key', 'info', 'k', '--output-format', 'xml'], ['key', 'create', 'k', '--kdf', 'none', '--hint', 'x']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /usage: pbs-tools key test FILE/);
  }
  for (const args of [['key', '--help'], ['key', 'test', '--help']]) {
    const r = await cli(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: pbs-tools key test FILE/);
  }
});

/** Runs the CLI on a pseudo-terminal, answering each prompt (output ending in ': ') in turn. */
function onTerminal(args: string[], cwd: string, answers: string[]): { code: number; output: string } {
  const driver = `
import os, pty, sys, time, select, json
answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
def pump(until, timeout=30):
    global out
    end = time.time() + timeout
    while time.time() < end:
        if until(out): return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try: data = os.read(fd, 4096)
            except OSError: return False
            if not data: return False
            out += data
    return False
for a in answers:
    n = len(out)
    if not pump(lambda o: o.endswith(b': ') and len(o) > n): break
    os.write(fd, a.encode() + b'\\r')
    time.sleep(0.05)
pump(lambda o: False, 60)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;
  const r = spawnSync('python3', ['-c', driver, JSON.stringify(answers), process.execPath, CLI_PATH, ...args], {
    cwd,
    env: { ...process.env, PBS_ENCRYPTION_PASSWORD: undefined },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, output: r.stdout.toString() };
}

test('on a terminal: the passphrase is asked without echo, twice for a new one', { skip: !HAS_PYTHON && 'python3 with pty not available' }, () => {
  const cwd = workdir();
  const created = onTerminal(['key', 'create', 't.json', '--kdf', 'pbkdf2'], cwd, [PASS, PASS]);
  seen.push(created.output);
  assert.equal(created.code, 0, created.output);
  assert.match(created.output, /New passphrase for key file 't\.json': \r?\nVerify passphrase: \r?\n/);
  assert.ok(!created.output.includes(PASS), 'not echoed');
  const tested = onTerminal(['key', 'test', 't.json'], cwd, [PASS]);
  seen.push(tested.output);
  assert.equal(tested.code, 0, tested.output);
  assert.match(tested.output, /Encryption Key Password for key file 't\.json': /);
  assert.match(tested.output, /([0-9a-f]{2}:){31}[0-9a-f]{2}/);
  const mismatch = onTerminal(['key', 'create', 'u.json', '--kdf', 'pbkdf2'], cwd, [PASS, PASS + 'x']);
  seen.push(mismatch.output);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.output, /the passphrases do not match; nothing was written/);
  assert.ok(!existsSync(join(cwd, 'u.json')));
});

test('`key` evaluates only its own modules: no grammar, schema or service module, no chevrotain or ajv', () => {
  const modules = commandModules(readFileSync(cliBundlePath('key'), 'utf8'), 'key');
  assert.ok(modules.includes('core/crypto/key-config.ts'), modules.join(', '));
  assert.deepEqual(modules.filter((s) => /^(grammar|schema|service|server)\/|chevrotain|ajv|vscode/.test(s)), []);
});

test('no output of any run above contains a passphrase', () => {
  const all = seen.join('\n');
  assert.ok(seen.length > 40);
  for (const secret of [PASS, NEW_PASS, 'not the passphrase', RAW.toString('base64'), RAW.toString('hex')]) assert.ok(!all.includes(secret), secret);
});
