// Overlap hints (pbs.calendar.overlapHints): heavy jobs on one datastore starting within the
// window are a hint on each one's schedule, naming the others, the datastore and the first
// collision in the server's zone, linked to the other's schedule; across files; off unless asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { diagnose } from '../../../service/diagnostics.ts';
import { Workspace } from '../../../service/workspace.ts';
import { nearJobParagraphs } from '../../../service/hover-jobs.ts';

const ROOT = '/etc/proxmox-backup';
const now = new Date('2026-12-07T12:00:00Z');

function tree(files: Record<string, string>) {
  const ws = new Workspace();
  const out: Record<string, ReturnType<Workspace['set']>> = {};
  for (const [name, text] of Object.entries(files)) out[name] = ws.set(`${ROOT}/${name}`, fileKindByName(name)!, text);
  return { ws, files: out };
}

const hints = (t: ReturnType<typeof tree>, name: string, windowMinutes: number | undefined, timeZone = 'UTC') =>
  diagnose(t.files[name], t.ws, undefined, undefined, { now, timeZone, overlapWindowMinutes: windowMinutes }).filter((d) => d.code === 'job-overlap');

const base = {
  'datastore.cfg': 'datastore: store1\n\tpath /mnt/s1\n\tgc-schedule 02:00\n\ndatastore: store2\n\tpath /mnt/s2\n\tgc-schedule 02:00\n',
  'verification.cfg': 'verification: v1\n\tstore store1\n\tschedule 02:15\n\nverification: v2\n\tstore store2\n\tschedule 04:00\n',
  'prune.cfg': 'prune: p1\n\tstore store1\n\tschedule 02:00\n\tkeep-daily 7\n',
};

test('off unless a window is given: no hint', () => {
  const t = tree(base);
  assert.deepEqual(hints(t, 'datastore.cfg', undefined), []);
  assert.deepEqual(hints(t, 'verification.cfg', undefined), []);
});

test('GC in datastore.cfg and a verify job in verification.cfg: a hint on each, naming the other and linking to it', () => {
  const t = tree(base);
  const gc = hints(t, 'datastore.cfg', 30);
  assert.equal(gc.length, 1);
  assert.equal(gc[0].severity, DiagnosticSeverity.Hint);
  assert.deepEqual(gc[0].range, { start: { line: 2, character: 13 }, end: { line: 2, character: 18 } });
  assert.equal(
    gc[0].message,
    "garbage collection of 'store1' starts within 30 minutes of verification job 'v1' on datastore 'store1', first at 2026-12-08 02:00 (UTC); heavy jobs on one datastore slow each other down",
  );
  assert.deepEqual(gc[0].relatedInformation, [
    { location: { uri: `file://${ROOT}/verification.cfg`, range: { start: { line: 2, character: 10 }, end: { line: 2, character: 15 } } }, message: "verification job 'v1' starts 2026-12-08 02:15 (7 times in 7 days)" },
  ]);
  const verify = hints(t, 'verification.cfg', 30);
  assert.equal(verify.length, 1, 'v2 at 04:00 collides with nothing; prune is not heavy');
  assert.match(verify[0].message, /^verification job 'v1' starts within 30 minutes of garbage collection of 'store1' on datastore 'store1', first at 2026-12-08 02:00 \(UTC\)/);
  assert.equal(verify[0].relatedInformation?.[0].location.uri, `file://${ROOT}/datastore.cfg`);
  assert.equal(verify[0].relatedInformation?.[0].location.range.start.line, 2);
});

test('the window decides: 15 minutes apart is no overlap within 10 minutes', () => {
  const t = tree(base);
  assert.deepEqual(hints(t, 'datastore.cfg', 10), []);
  assert.equal(hints(t, 'datastore.cfg', 16).length, 1);
});

test('the first collision is told in the server\'s zone', () => {
  const t = tree(base);
  // 02:00 in Kathmandu is 20:15 UTC, still 2026-12-07 after 12:00 UTC
  assert.match(hints(t, 'datastore.cfg', 30, 'Asia/Kathmandu')[0].message, /first at 2026-12-07 02:00 \(Asia\/Kathmandu\)|first at 2026-12-08 02:00 \(Asia\/Kathmandu\)/);
  const lateUtc = tree({ ...base, 'datastore.cfg': 'datastore: store1\n\tpath /mnt/s1\n\tgc-schedule 20:00\n', 'verification.cfg': 'verification: v1\n\tstore store1\n\tschedule 20:10\n' });
  // 20:00 UTC today is still ahead at 12:00 UTC; in Tokyo 20:00 is 11:00 UTC, past: tomorrow
  assert.match(hints(lateUtc, 'datastore.cfg', 30, 'UTC')[0].message, /first at 2026-12-07 20:00 \(UTC\)/);
  assert.match(hints(lateUtc, 'datastore.cfg', 30, 'Asia/Tokyo')[0].message, /first at 2026-12-08 20:00 \(Asia\/Tokyo\)/);
});

test('several others on one datastore: named (at most three) in one hint, each linked', () => {
  const t = tree({
    'datastore.cfg': 'datastore: store1\n\tpath /mnt/s1\n\tgc-schedule 02:00\n',
    'sync.cfg': ['a', 'b', 'c', 'd'].map((id) => `sync: s-${id}\n\tstore store1\n\tremote r\n\tremote-store x\n\tschedule 02:0${id.charCodeAt(0) - 96}\n`).join('\n'),
  });
  const gc = hints(t, 'datastore.cfg', 30);
  assert.equal(gc.length, 1);
  assert.match(gc[0].message, /within 30 minutes of sync job 's-a', sync job 's-b', sync job 's-c' and 1 more on datastore 'store1'/);
  assert.equal(gc[0].relatedInformation?.length, 4);
});

test('a job overlapping only with itself, and jobs on other datastores, give no hint', () => {
  const t = tree({ 'verification.cfg': 'verification: v1\n\tstore store1\n\tschedule *:0/5\n\nverification: v2\n\tstore store2\n\tschedule *:0/5\n' });
  assert.deepEqual(hints(t, 'verification.cfg', 30), []);
});

test('hover on a schedule and the hints say the same: the calendar decides', () => {
  const t = tree(base);
  const file = t.files['verification.cfg'];
  const at = file.text.indexOf('02:15');
  const [para] = nearJobParagraphs(file, t.ws, at, now, 'UTC', 30);
  assert.match(para, /^Starts within 30 minutes of other heavy jobs on store1 in the next 7 days \(UTC\): gc store1 \(2026-12-08 02:00, 2026-12-09 02:00, 2026-12-10 02:00, … 7 times\)\.$/);
  assert.deepEqual(nearJobParagraphs(file, t.ws, at, now, 'UTC', 10), []);
});

test('bounded: 2000 jobs every minute on one datastore are answered, each with its hint', () => {
  const sync = Array.from({ length: 2000 }, (_, i) => `sync: s${i}\n\tstore store1\n\tremote r\n\tremote-store x\n\tschedule *:0/1\n`).join('\n');
  const t = tree({ 'sync.cfg': sync });
  const found = hints(t, 'sync.cfg', 30);
  assert.equal(found.length, 2000);
  assert.ok(found.every((d) => (d.relatedInformation?.length ?? 0) <= 10));
});
