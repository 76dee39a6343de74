// Jobs PBS never starts are warnings at their schedule: dates all in the past, or a prune job
// that keeps nothing (PBS's proxy skips those). A date that never exists is the grammar's hint
// only, and a disabled prune job is the admin's choice: neither is reported here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../service/diagnostics.ts';
import { marked } from '../../helpers/marked.ts';
import { openAlone } from '../../helpers/workspace.ts';

function neverRuns(kind: string, src: string) {
  const m = marked(src);
  const { ws, file } = openAlone(kind, m.text);
  const found = diagnose(file, ws).filter((d) => d.code === 'never-runs');
  return { m, found };
}

test('a schedule whose times are all past is a warning on the value; a future one is not', () => {
  const { m, found } = neverRuns('verification.cfg', 'verification: v-old\n\tstore store1\n\tschedule <|2020-01-01|>\n\nverification: v-new\n\tstore store1\n\tschedule 2199-01-01\n');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 2);
  assert.equal(found[0].message, "schedule: '2020-01-01' never runs again: every time it names is in the past, so PBS never starts verification job 'v-old'");
  assert.deepEqual(found[0].range, { start: { line: 2, character: 10 }, end: { line: 2, character: 20 } });
  assert.equal(m.ranges.length, 1);
});

test('a prune job without keep options is a warning; a disabled one and an impossible date are not', () => {
  const { found } = neverRuns('prune.cfg', 'prune: p-none\n\tstore s1\n\tschedule daily\n\nprune: p-off\n\tstore s1\n\tschedule daily\n\tdisable true\n\nprune: p-feb30\n\tstore s1\n\tschedule *-02-30\n\tkeep-last 1\n');
  assert.deepEqual(found.map((d) => d.message), ["prune job 'p-none' has no keep-* option: PBS skips it at every run and keeps every snapshot; add e.g. keep-daily 7, or remove the job"]);
});

test('GC of a datastore with a past date names the datastore', () => {
  const { found } = neverRuns('datastore.cfg', 'datastore: store1\n\tpath /mnt/s\n\tgc-schedule 2021-06-01 02:00\n');
  assert.match(found[0].message, /so PBS never starts garbage collection of 'store1'$/);
});

test('"never runs again" is judged in the server\'s zone: 20:00 today is past in Tokyo at 19:00 UTC, not in UTC', () => {
  const { ws, file } = openAlone('verification.cfg', 'verification: v1\n\tstore store1\n\tschedule 2026-12-07 20:00\n');
  const now = new Date('2026-12-07T19:00:00Z');
  const never = (timeZone: string) => diagnose(file, ws, undefined, undefined, { now, timeZone }).filter((d) => d.code === 'never-runs').length;
  assert.equal(never('UTC'), 0);
  assert.equal(never('Asia/Tokyo'), 1);
});
