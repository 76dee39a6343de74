// `pbs-tools lint` as CI runs it: the DESIGN.md contract (formats, exit codes), the example trees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-lint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('the clean example tree lints without a finding and exits 0', async () => {
  const r = await runCli(['lint', 'examples/etc-proxmox-backup'], { cwd: ROOT });
  assert.equal(r.stdout, '');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /0 errors, 0 warnings, 0 info\/hints in \d+ files/);
});

test('the broken example tree reports every planted mistake with its code and severity, and exits 1', async () => {
  const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/broken-expected.json'), 'utf8')) as {
    file: string;
    line: number;
    code: string;
    severity: string;
  }[];
  const r = await runCli(['lint', '--format', 'json', 'examples/broken'], { cwd: ROOT });
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  const key = (f: { file: string; line: number; code: string; severity: string }) =>
    `${f.file.replace(/^examples\/broken\//, '')}:${f.line} ${f.severity} ${f.code}`;
  const got = new Set(findings.map(key));
  const missing = expected.filter((e) => !got.has(key(e)));
  assert.deepEqual(missing, [], `not reported:\n${missing.map(key).join('\n')}\n\ngot:\n${[...got].join('\n')}`);
  const planted = new Set(expected.map(key));
  const extra = findings.filter((f) => !planted.has(key(f)));
  assert.deepEqual(extra.map(key), [], 'reported but not planted (false alarms or an incomplete EXPECTED list)');
});

test('text format is file:line:col: severity code message; json and sarif carry the same findings', async () => {
  const dir = tree({ 'prune.cfg': 'prune: daily-prune\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n' });
  const text = await runCli(['lint', dir]);
  assert.equal(text.code, 1);
  assert.equal(text.stdout, `${join(dir, 'prune.cfg')}:2:12: error out-of-range ${text.stdout.split(' out-of-range ')[1]}`);
  assert.match(text.stdout, /keep-last/);

  const json = await runCli(['lint', '--format', 'json', dir]);
  const [f] = JSON.parse(json.stdout) as Finding[];
  assert.deepEqual(
    { ...f, message: undefined },
    { file: join(dir, 'prune.cfg'), line: 2, column: 12, endLine: 2, endColumn: 13, severity: 'error', code: 'out-of-range', message: undefined },
  );

  const sarif = await runCli(['lint', '--format', 'sarif', dir]);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(sarif.stdout);
  assert.equal(log.version, '2.1.0');
  const [result] = log.runs[0].results;
  assert.equal(result.ruleId, 'out-of-range');
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 12, endLine: 2, endColumn: 13 });
  assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, 'out-of-range');
});

test('warnings alone exit 0; references resolve only against files that are given', async () => {
  const dir = tree({
    'datastore.cfg': 'datastore: store1\n\tpath /a\n\ndatastore: store1\n\tpath /b\n',
    'sync.cfg': 'sync: job1\n\tremote unknown-remote\n\tremote-store far-store\n\tstore store1\n',
  });
  const r = await runCli(['lint', '--format', 'json', dir]);
  const findings = JSON.parse(r.stdout) as Finding[];
  // No remote.cfg given: the remote is not checked. The duplicate id is a warning.
  assert.deepEqual(findings.map((f) => `${f.severity} ${f.code}`), ['warning duplicate-section']);
  assert.equal(r.code, 0);

  writeFileSync(join(dir, 'remote.cfg'), 'remote: other\n\tauth-id sync@pbs\n\thost 192.0.2.10\n\tpassword c2VjcmV0\n');
  const r2 = await runCli(['lint', '--format', 'json', dir]);
  const f2 = (JSON.parse(r2.stdout) as Finding[]).find((f) => f.code === 'unresolved-reference');
  assert.ok(f2, r2.stdout);
  assert.equal(f2.line, 2);
  assert.match(f2.message, /unknown-remote/);
  assert.equal(r2.code, 1);
});

test('usage and I/O errors exit 2 with a specific message', async () => {
  const missing = await runCli(['lint', '/nonexistent/datastore.cfg']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read '\/nonexistent\/datastore.cfg'/);
  const format = await runCli(['lint', '--format', 'xml', '.']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /unknown --format 'xml'/);
  const none = await runCli(['lint']);
  assert.equal(none.code, 2);
  const kind = await runCli(['lint', '--kind', 'nope.cfg', '.']);
  assert.equal(kind.code, 2);
  assert.match(kind.stderr, /unknown --kind 'nope.cfg'/);
});

test('a file that is no PBS file kind is reported; --kind reads it as one', async () => {
  const dir = tree({ 'prune-jobs.cfg.j2': 'prune: daily-prune\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n' });
  const file = join(dir, 'prune-jobs.cfg.j2');
  const unknown = await runCli(['lint', '--format', 'json', file]);
  assert.equal(unknown.code, 1);
  assert.deepEqual((JSON.parse(unknown.stdout) as Finding[]).map((f) => f.code), ['unknown-file-kind']);
  const asKind = await runCli(['lint', '--format', 'json', '--kind', 'prune.cfg', file]);
  assert.deepEqual((JSON.parse(asKind.stdout) as Finding[]).map((f) => f.code), ['out-of-range']);
});

test('a file that is not valid UTF-8 is an error at the first bad byte (PBS refuses the whole file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-lint-'));
  writeFileSync(join(dir, 'datastore.cfg'), Buffer.from('datastore: store1\n\tcomment caf\xe9\n\tpath /x\n', 'latin1'));
  const r = await runCli(['lint', '--format', 'json', dir]);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.stdout) as Finding[];
  assert.deepEqual(findings.map((f) => [f.line, f.column, f.code]), [[2, 13, 'syntax']]);
  assert.match(findings[0].message, /not valid UTF-8/);
});

test('an empty folder beside one with PBS files is no error; a file given twice (or through a link) is linted once', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'pbs-lint-empty-'));
  const dir = tree({ 'prune.cfg': 'prune: daily-prune\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n' });
  const r = await runCli(['lint', '--format', 'json', empty, dir, join(dir, 'prune.cfg')]);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as Finding[]).map((f) => `${f.file}:${f.line} ${f.code}`), [`${join(dir, 'prune.cfg')}:2 out-of-range`]);
  assert.equal(r.stderr, '');
});
