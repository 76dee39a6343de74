// The engine on hostile input, one test per class of input (issue 12): what pbs-tools reports grows
// with what a file means, never with its length; nesting, schedules, zstd frames and KDF costs
// are bounded where PBS bounds them (or say where and why ours are). Each class is checked
// through the service (diagnose over a Workspace, the language features' path) and through the
// built CLI, measured: every CLI case ends within 10 s and 400 MB with a located finding or a
// clear error.
//
//   1. amplification: separator floods in property strings and acl.cfg lists, long lines, many
//      errors per file (grammar/limits.ts caps per value and per file)
//   2. deep nesting of PBS JSON files (serde_json's recursion limit)
//   3. dates past the end of time (core/format/next-runs.ts RUNS_HORIZON)
//   4. many zstd frames in a data blob (core/crypto/zstd.ts MAX_ZSTD_FRAMES)
//   5. KDF parameters that cost seconds and gigabytes (core/crypto/key-config.ts caps)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_VALUE } from '../../grammar/limits.ts';
import { parseCalendarEvent } from '../../grammar/calendar-event.ts';
import { fileKindByName } from '../../schema/file-kinds.ts';
import { diagnose, problemsOf } from '../../service/diagnostics.ts';
import { hoverAt } from '../../service/hover.ts';
import { selectionRangesAt } from '../../service/selection.ts';
import { documentSymbols } from '../../service/symbols.ts';
import { runToolCommand } from '../../service/tool-commands.ts';
import { Workspace, type WorkspaceFile } from '../../service/workspace.ts';
import { RUNS_HORIZON, nextRuns, searchRuns } from '../../core/format/next-runs.ts';
import { BLOB_MAGIC } from '../../core/crypto/blob.ts';
import { describeRun, runCliMeasured, withinHostileLimits, type MeasureOptions, type MeasuredResult } from '../helpers/hostile.ts';
import { openAlone } from '../helpers/workspace.ts';

const MB = 1 << 20;
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'pbs-hostile-engine-'));
}

/** Writes `text` as `name` in a new folder; returns its path. */
function file(name: string, text: string | Buffer): string {
  const path = join(workdir(), name);
  writeFileSync(path, text);
  return path;
}

/** Runs the built CLI and asserts the hostile bounds before anything else. */
async function run(args: string[], options: MeasureOptions = {}): Promise<MeasuredResult> {
  const r = await runCliMeasured(args, options);
  assert.ok(withinHostileLimits(r), `pbs-tools ${args.join(' ')}: out of bounds\n${describeRun(r)}`);
  return r;
}

interface Finding {
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
}

/** `pbs-tools lint --format json PATH`, bounded, its findings parsed. */
async function lint(path: string, ...more: string[]): Promise<{ r: MeasuredResult; findings: Finding[] }> {
  const r = await run(['lint', '--format', 'json', ...more, path]);
  assert.equal(r.code, 1, describeRun(r));
  return { r, findings: JSON.parse(r.stdout) as Finding[] };
}

/** The file read into a fresh workspace, as the editor and lint see it. */
function open(kind: string, text: string): { file: WorkspaceFile; ws: Workspace } {
  return openAlone(kind, text);
}

/** diagnose() of `text` as `kind`, timed: the service must stay as quick as the CLI. */
function diagnoseText(kind: string, text: string): ReturnType<typeof diagnose> {
  const t0 = performance.now();
  const { file, ws } = open(kind, text);
  const diags = diagnose(file, ws);
  assert.ok(performance.now() - t0 < 5000, `diagnose of ${text.length} characters of ${kind} took ${Math.round(performance.now() - t0)} ms`);
  return diags;
}

// ---------------------------------------------------------------------------------------------
// 1. Amplification: output bounded by what the input means, not by its length

const COMMAS = ','.repeat(2 * MB);
const DATASTORE = 'datastore: store1\n\tpath /mnt/store1\n';

test('a property string of 2 MB of commas is one bad value: its first problems and one that covers the rest (datastore tuning, notify, maintenance-mode; node.cfg acme, acmedomain0)', async () => {
  const cases: [string, string, string][] = [
    ['datastore.cfg', 'tuning', `${DATASTORE}\ttuning ${COMMAS}\n`],
    ['datastore.cfg', 'notify', `${DATASTORE}\tnotify ${COMMAS}\n`],
    ['datastore.cfg', 'maintenance-mode', `${DATASTORE}\tmaintenance-mode type=offline${COMMAS}\n`],
    ['node.cfg', 'acme', `acme: ${COMMAS}\n`],
    ['node.cfg', 'acmedomain0', `acmedomain0: domain=a.example${COMMAS}\n`],
  ];
  for (const [kind, key, text] of cases) {
    const diags = diagnoseText(kind, text);
    assert.ok(diags.length <= MAX_PROBLEMS_PER_VALUE + 2, `${key}: ${diags.length} diagnostics`);
    const last = diags[diags.length - 1];
    assert.equal(last.code, 'invalid-property-string', `${key}: ${last.message}`);
    assert.match(last.message, new RegExp(`^${key}: more than 256 entries: no PBS property string has that many members`));
    // located where the entries it does not read begin, on the value's line
    assert.equal(last.range.start.line, kind === 'node.cfg' ? 0 : 2);
  }
  const { r, findings } = await lint(file('datastore.cfg', cases[0][2]));
  assert.ok(findings.length <= MAX_PROBLEMS_PER_VALUE + 2, describeRun(r));
  assert.ok(findings.some((f) => f.line === 3 && f.code === 'invalid-property-string' && /more than 256 entries/.test(f.message)), describeRun(r));
});

test('an acl.cfg line whose user or role list is 2 MB of separators gets a handful of problems per list and one that counts the rest', async () => {
  for (const [field, text] of [
    ['user list', `acl:1:/:${COMMAS}:Admin\n`],
    ['role list', `acl:1:/:root@pam:${COMMAS}\n`],
  ]) {
    const diags = diagnoseText('acl.cfg', text);
    assert.equal(diags.length, MAX_PROBLEMS_PER_VALUE + 1, `${field}: ${diags.length} diagnostics`);
    const last = diags[MAX_PROBLEMS_PER_VALUE];
    assert.match(last.message, new RegExp(`^${field}: … and 2,097,1\\d\\d more problems in this value from here on, not listed \\(pbs-tools lists the first 10 of a value\\)`));
    assert.equal(last.range.start.line, 0);
  }
  // the features that walk the line make no span per item: outline names stay short
  const { file: acl, ws } = open('acl.cfg', `acl:1:/:${COMMAS}:Admin\n`);
  const t0 = performance.now();
  const outline = JSON.stringify(documentSymbols(acl));
  assert.ok(outline.length < 2000, `outline of ${outline.length} characters`);
  for (const o of [9, MB, 2 * MB + 9]) {
    hoverAt(acl, ws, o, { markdown: true });
    selectionRangesAt(acl, o);
  }
  assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms`);
  const { r, findings } = await lint(file('acl.cfg', `acl:1:/:${COMMAS}:Admin\n`));
  assert.equal(findings.length, MAX_PROBLEMS_PER_VALUE + 1, describeRun(r));
  assert.equal(findings[MAX_PROBLEMS_PER_VALUE].code, 'invalid-format');
});

test('a quoted value of a million bad escapes, and a list of a million bad items, stay a handful of problems', () => {
  const escapes = diagnoseText('datastore.cfg', `${DATASTORE}\tmaintenance-mode type=read-only,message="${'\\a'.repeat(1_000_000)}"\n`);
  assert.ok(escapes.length <= MAX_PROBLEMS_PER_VALUE + 2, `${escapes.length} diagnostics`);
  assert.match(escapes[escapes.length - 1].message, /^maintenance-mode: … and 999,990 more problems in this value/);
  // openid scopes: a list of safe ids; a million items that are not
  const list = diagnoseText('domains.cfg', `openid: oid\n\tissuer-url https://id.example\n\tclient-id pbs\n\tscopes ${'a! '.repeat(1_000_000)}\n`);
  assert.ok(list.length <= 2 * (MAX_PROBLEMS_PER_VALUE + 1) + 2, `${list.length} diagnostics`);
  assert.ok(list.some((d) => /the list has more than 10000 items; pbs-tools checks only the first 10000/.test(d.message)));
});

test('a 10 MB line (a comment, a path, a user id) is read in bounded time and memory, with a located finding', async () => {
  const long = 'x'.repeat(10 * MB);
  for (const [kind, text] of [
    ['datastore.cfg', `${DATASTORE}\tcomment ${long}\n`],
    ['acl.cfg', `acl:1:/${'a/'.repeat(5 * MB)}:root@pam:Admin\n`],
    ['user.cfg', `user: ${long}\n`],
  ]) {
    const diags = diagnoseText(kind, text);
    assert.ok(diags.length >= 1 && diags.length <= 3, `${kind}: ${diags.map((d) => d.message.slice(0, 80)).join(' | ')}`);
    // a message never quotes ten megabytes
    for (const d of diags) assert.ok(d.message.length <= 2000, `${kind}: a message of ${d.message.length} characters`);
  }
  const { r, findings } = await lint(file('datastore.cfg', `${DATASTORE}\tcomment ${long}\n`));
  assert.deepEqual(
    findings.map((f) => [f.line, f.code]),
    [[3, 'invalid-value']],
    describeRun(r),
  );
});

test('one error on each of 200k lines: the first 10,000 problems in document order, then one that counts the rest', async () => {
  const text = `${DATASTORE}${'\tx y\n'.repeat(200_000)}`;
  const diags = diagnoseText('datastore.cfg', text);
  assert.equal(diags.length, MAX_PROBLEMS_PER_FILE + 1);
  const last = diags[MAX_PROBLEMS_PER_FILE];
  assert.equal(last.code, 'too-many-problems');
  assert.equal(last.severity, 1);
  assert.match(last.message, /^… and more problems in this file from here on, not listed: pbs-tools lists at most 10,000 problems per file and stops checking there\. Fix the ones listed and check again\.$/);
  // where the first one left out is
  assert.equal(last.range.start.line, diags[MAX_PROBLEMS_PER_FILE - 1].range.start.line + 1);
  for (let i = 1; i < diags.length; i++) assert.ok(diags[i].range.start.line >= diags[i - 1].range.start.line, 'document order');

  // syntax problems are all counted: 200k lines that are not a rule
  const acl = diagnoseText('acl.cfg', 'x\n'.repeat(200_000));
  assert.match(acl[MAX_PROBLEMS_PER_FILE].message, /^… and 190,000 more problems in this file from here on, not listed/);

  const { r, findings } = await lint(file('acl.cfg', 'x\n'.repeat(2_000_000)));
  assert.equal(findings.length, MAX_PROBLEMS_PER_FILE + 1, describeRun(r));
  assert.deepEqual([findings[MAX_PROBLEMS_PER_FILE].line, findings[MAX_PROBLEMS_PER_FILE].code], [MAX_PROBLEMS_PER_FILE + 1, 'too-many-problems']);
  assert.match(findings[MAX_PROBLEMS_PER_FILE].message, /… and 1,990,000 more problems/);
});

test('a front can ask for fewer: diagnose(…, limit) lists `limit` problems and one closing problem', () => {
  const { file, ws } = open('datastore.cfg', `${DATASTORE}${'\tx y\n'.repeat(500)}`);
  const diags = diagnose(file, ws, undefined, 50);
  assert.equal(diags.length, 51);
  assert.equal(diags[50].code, 'too-many-problems');
  assert.match(diags[50].message, /^… and 450 more problems in this file from here on, not listed: pbs-tools lists at most 50 problems per file\./);
  // a limit above the engine's cap is the engine's cap
  assert.equal(problemsOf(file, ws, 1e9).length, 500);
});

test('problems left out of a big file show once those before them are fixed (edited versions re-check what was not checked)', () => {
  const bad = (i: number) => `datastore: store${i}\n\tpath /mnt/s\n\tbogus-${i} 1\n`;
  const sections = Array.from({ length: MAX_PROBLEMS_PER_FILE + 2000 }, (_, i) => bad(i));
  const ws = new Workspace();
  const kind = fileKindByName('datastore.cfg')!;
  let f = ws.set('/etc/proxmox-backup/datastore.cfg', kind, sections.join('\n'));
  assert.equal(problemsOf(f, ws).length, MAX_PROBLEMS_PER_FILE + 1);
  // fix the first 5000: the ones after the cap must now be listed, as a fresh parse lists them
  const fixed = sections.map((s, i) => (i < 5000 ? s.replace(/\tbogus-\d+ 1\n/, '') : s)).join('\n');
  f = ws.set('/etc/proxmox-backup/datastore.cfg', kind, fixed);
  const incremental = problemsOf(f, ws);
  assert.equal(incremental.length, MAX_PROBLEMS_PER_FILE - 3000);
  assert.deepEqual(incremental, problemsOf(open('datastore.cfg', fixed).file, open('datastore.cfg', fixed).ws));
});

test('escape bytes in ids, values and comments never reach a message raw (ESC, BEL, C1)', () => {
  const hostile = '\x1b]0;pwned\x07\x1b[2J\u009b31m';
  const texts: [string, string][] = [
    ['datastore.cfg', `datastore: ${hostile}\n\tpath /mnt/${hostile}\n\tkeep-last ${hostile}\n\ttuning ${hostile}=1\n`],
    ['acl.cfg', `acl:1:/${hostile}:${hostile}:${hostile}\n`],
    ['user.cfg', `user: ${hostile}@pbs\n\tcomment ${hostile}\n\t${hostile} 1\n`],
    ['node.cfg', `${hostile}: 1\nacme: account=${hostile}\n`],
    ['token.shadow', `{"${hostile}": 1}`],
  ];
  for (const [kind, text] of texts) {
    const diags = diagnoseText(kind, text);
    assert.ok(diags.length > 0, kind);
    for (const d of diags) assert.doesNotMatch(d.message, RAW_CONTROL, `${kind}: ${JSON.stringify(d.message)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Deep nesting: serde_json stops at 128 levels ("recursion limit exceeded"), so do we

test('a PBS JSON file nested thousands of levels deep gets one located syntax problem where level 128 opens; nothing recurses', async () => {
  const deep = '['.repeat(10_000);
  for (const kind of ['token.shadow', 'shadow.json', 'tfa.json', 'acme/accounts', 'encryption-key.json']) {
    const { file, ws } = open(kind, deep);
    const diags = diagnose(file, ws);
    assert.equal(diags.length, 1, kind);
    assert.equal(diags[0].code, 'syntax');
    assert.deepEqual(diags[0].range, { start: { line: 0, character: 127 }, end: { line: 0, character: 128 } });
    assert.match(diags[0].message, /^recursion limit exceeded: PBS's JSON reader \(serde_json\) allows arrays and objects nested at most 127 levels deep; PBS cannot read this file/);
    // the features that walk the file do not recurse either
    for (const o of [0, 5000, 10_000]) hoverAt(file, ws, o, { markdown: true });
    documentSymbols(file);
  }
  // 127 levels read (the only complaint is the schema's), 128 do not; inside strings brackets do not count
  const nest = (n: number, inner = '1') => '{"a":'.repeat(n) + inner + '}'.repeat(n);
  assert.ok(diagnoseText('token.shadow', nest(127)).every((d) => d.code !== 'syntax'));
  assert.equal(diagnoseText('token.shadow', nest(128))[0].range.start.character, 127 * 5);
  assert.ok(diagnoseText('token.shadow', nest(100, `"${'['.repeat(500)}"`)).every((d) => d.code !== 'syntax'));

  const { r, findings } = await lint(file('token.shadow', deep));
  assert.deepEqual(findings.map((f) => [f.line, f.column, f.code]), [[1, 128, 'syntax']], describeRun(r));
  // a key file nested too deep: a clear error, not an internal one
  const key = await run(['key', 'info', file('encryption-key.json', `{"kdf":${'['.repeat(10_000)}`)]);
  assert.equal(key.code, 1, describeRun(key));
  assert.match(key.stderr, /recursion limit exceeded/);
  assert.doesNotMatch(key.stderr, /internal error/);
});

test('a flat JSON file of 10 MB is checked without a tree of millions of nodes', async () => {
  const flat = `[${'1,'.repeat(5 * MB)}1]`;
  assert.deepEqual(
    diagnoseText('token.shadow', flat).map((d) => d.message),
    ['the file must be object, not array'],
  );
  const { r, findings } = await lint(file('token.shadow', flat));
  assert.deepEqual(findings.map((f) => [f.line, f.column, f.code]), [[1, 1, 'json-schema']], describeRun(r));
  // a big object whose every entry is wrong: the file's share, then the closing problem
  const entries = Array.from({ length: 100_000 }, (_, i) => `"u${i}@pbs!t": ${i}`).join(',\n');
  const many = diagnoseText('token.shadow', `{${entries}}`);
  assert.equal(many.length, MAX_PROBLEMS_PER_FILE + 1);
  assert.deepEqual(many[0].range, { start: { line: 0, character: 13 }, end: { line: 0, character: 14 } });
  assert.equal(many[MAX_PROBLEMS_PER_FILE].code, 'too-many-problems');
});

// ---------------------------------------------------------------------------------------------
// 3. Dates past the end of time

test('schedule: runs up to the last day of the year 9999, then says where the search stopped; never an internal error', async () => {
  const leap = await run(['schedule', 'fri *-02-29', '-n', '10000', '--utc', '--from', '2025-01-01']);
  assert.equal(leap.code, 0, describeRun(leap));
  const lines = leap.stdout.trim().split('\n');
  assert.equal(lines[0], '2036-02-29 00:00:00+00:00');
  assert.equal(lines[lines.length - 1], '9980-02-29 00:00:00+00:00');
  assert.equal(leap.stderr, "pbs-tools schedule: no further run of 'fri *-02-29' before 9999-12-31 00:00 UTC, where pbs-tools stops searching (PBS itself would go on)\n");

  const never = await run(['schedule', '*-02-30', '-n', '10000', '--utc', '--from', '2025-01-01']);
  assert.deepEqual([never.code, never.stdout], [0, ''], describeRun(never));
  assert.match(never.stderr, /'\*-02-30' never runs after 2025-01-01 00:00:00 \(PBS finds no next run\)/);

  const late = await run(['schedule', 'daily', '--from', '9999-12-31T00:30', '--tz', 'Europe/Vienna']);
  assert.deepEqual([late.code, late.stdout], [0, ''], describeRun(late));
  assert.match(late.stderr, /no run of 'daily' before 9999-12-31 00:00 UTC/);

  // PBS's grammar stops years at 2199 (proxmox-time parse_date_spec): a located error
  const far = await run(['schedule', '2999-01-01']);
  assert.equal(far.code, 1, describeRun(far));
  assert.match(far.stderr, /invalid schedule at column 1: year 2999 is too large \(PBS accepts years below 2200\)/);
});

test('next runs, hover and pbs.server.nextRuns from near the end of JavaScript time answer at once', async () => {
  const daily = parseCalendarEvent('daily');
  assert.ok(daily.ok);
  const edge = new Date(8.64e15 - 86_400_000); // 275760-09-12
  const t0 = performance.now();
  assert.deepEqual(searchRuns(daily.value, edge, 10, 'UTC'), { runs: [], end: 'horizon' });
  assert.deepEqual(nextRuns(daily.value, new Date(RUNS_HORIZON * 1000 - 1000), 3, 'Europe/Berlin'), []);
  assert.deepEqual(nextRuns(daily.value, new Date(NaN), 3, 'UTC'), []);
  assert.ok(performance.now() - t0 < 1000);

  const { file, ws } = open('datastore.cfg', `${DATASTORE}\tgc-schedule daily\n`);
  const at = file.text.indexOf('daily') + 1;
  const hover = hoverAt(file, ws, at, { markdown: false, now: edge, timeZone: 'UTC' });
  assert.match(JSON.stringify(hover), /No run before 9999-12-31 00:00 UTC, where the search stops/);

  const r = (await runToolCommand('pbs.server.nextRuns', ['daily', 100, '9999-12-31T12:00:00Z'])) as { runs: unknown[] };
  assert.deepEqual(r.runs, []);
});

// ---------------------------------------------------------------------------------------------
// 4. Many zstd frames

/** A compressed data blob whose payload is `frames` empty zstd frames (9 bytes each). */
function manyFrameBlob(frames: number): Buffer {
  const frame = Buffer.from('28b52ffd2000010000', 'hex'); // single segment, content size 0, one empty raw block
  const payload = Buffer.alloc(frame.length * frames);
  for (let i = 0; i < frames; i++) frame.copy(payload, i * frame.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(payload));
  return Buffer.concat([BLOB_MAGIC.compressed, crc, payload]);
}

test('blob inspect: a 9 MB blob of a million zstd frames is refused at once (PBS writes one frame); 1024 frames still decode', async () => {
  const r = await run(['blob', 'inspect', file('many.blob', manyFrameBlob(1_000_000))]);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stdout, /decode: FAILED: zstd data of more than 1024 frames \(the 1025th starts at byte 9216\): PBS writes a blob as one zstd frame, so PBS did not write this; pbs-tools decodes at most 1024 frames/);
  const ok = await run(['blob', 'inspect', file('ok.blob', manyFrameBlob(1024))]);
  assert.equal(ok.code, 0, describeRun(ok));
  assert.match(ok.stdout, /decoded: 0 bytes/);
});

// ---------------------------------------------------------------------------------------------
// 5. KDF parameters that cost seconds and gigabytes

function keyFile(kdf: unknown): string {
  return file(
    'encryption-key.json',
    JSON.stringify({ kdf, created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', data: Buffer.alloc(64).toString('base64') }),
  );
}

test('key test: scrypt and PBKDF2 parameters above the cost caps are refused before deriving, naming the cap', async () => {
  const salt = Buffer.alloc(32, 1).toString('base64');
  const pass = file('pass', 'a passphrase\n');
  const cases: [unknown, RegExp][] = [
    // a tiny n does not make a huge p cheap: the p blocks of 128·r bytes are memory and work too
    [{ Scrypt: { n: 2, r: 1, p: 2 ** 30, salt } }, /scrypt n=2, r=1, p=1073741824 needs 262144 MiB \(128·r·\(n\+2\) \+ 2·128·r·p bytes\), above our cap of 256 MiB/],
    [{ Scrypt: { n: 2, r: 1, p: 2 ** 23, salt } }, /needs 2048 MiB .*above our cap of 256 MiB/],
    [{ Scrypt: { n: 2 ** 20, r: 8, p: 1, salt } }, /needs 1024 MiB .*above our cap of 256 MiB/],
    [{ Scrypt: { n: 1024, r: 8, p: 4096, salt } }, /costs r·p·\(n\+4\) = 33685504 steps, above our cap of 8388608 \(16× PBS's own n=65536, r=8, p=1/],
    [{ PBKDF2: { iter: 2 ** 40, salt } }, /PBKDF2 iter=1099511627776 is above our cap of 10000000 iterations/],
  ];
  for (const [kdf, message] of cases) {
    const r = await run(['key', 'test', keyFile(kdf), '--passphrase-file', pass]);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr, message);
    assert.ok(r.ms < 2000, `refused before deriving: ${describeRun(r)}`);
  }
});
