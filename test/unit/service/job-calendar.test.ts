// The job calendar of a configuration tree: which jobs run when on which datastore, which heavy
// jobs start together, and which schedules never run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../service/workspace.ts';
import { jobCalendar, keepOptionsOf, overlapsOf, pruneJobsOfText, scheduledJobs, scheduledJobsOfTexts, type JobRuns } from '../../../service/job-calendar.ts';
import { calendarJson, calendarJsonText } from '../../../service/job-calendar-report.ts';
import { pbsTree } from '../../helpers/workspace.ts';

function tree(files: Record<string, string>): Workspace {
  const ws = pbsTree(files);
  return ws;
}

const TREE = tree({
  // prune-schedule: deprecated, and PBS's proxy no longer schedules it
  'datastore.cfg': 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02:00\n\ndatastore: store2\n\tpath /mnt/store2\n\tgc-schedule daily\n\tprune-schedule daily\n',
  'verification.cfg': 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n\nverification: v2\n\tstore store2\n\tschedule 2020-01-01\n',
  'sync.cfg': 'sync: s1\n\tstore store1\n\tremote r1\n\tremote-store up\n\tschedule sat 04:00\n',
  // p-off is disabled (not scheduled); p-none keeps nothing (the proxy skips it every time)
  'prune.cfg': 'prune: p1\n\tstore store1\n\tschedule sat 02:05\n\tkeep-last 3\n\nprune: p-off\n\tstore store1\n\tschedule daily\n\tkeep-last 1\n\tdisable true\n\nprune: p-none\n\tstore store2\n\tschedule daily\n',
  'tape-job.cfg': 'backup: t1\n\tstore store2\n\tpool p\n\tdrive d\n\tschedule mon-fri\n',
});

test('every scheduled job with its kind, datastores, schedule and line', () => {
  const jobs = scheduledJobs(TREE).map((j) => [j.file.split('/').pop(), j.line, j.id, j.kind, j.datastores.join(','), j.schedule, j.event !== undefined]);
  assert.deepEqual(jobs, [
    ['datastore.cfg', 3, 'store1', 'gc', 'store1', 'sat 02:00', true],
    ['datastore.cfg', 7, 'store2', 'gc', 'store2', 'daily', true],
    ['prune.cfg', 3, 'p1', 'prune', 'store1', 'sat 02:05', true],
    ['prune.cfg', 14, 'p-none', 'prune', 'store2', 'daily', true],
    ['sync.cfg', 5, 's1', 'sync', 'store1', 'sat 04:00', true],
    // an invalid schedule is listed (lint reports it) but has no runs
    ['tape-job.cfg', 5, 't1', 'tape-backup', 'store2', 'mon-fri', false],
    ['verification.cfg', 3, 'v1', 'verify', 'store1', 'sat 02:15', true],
    ['verification.cfg', 7, 'v2', 'verify', 'store2', '2020-01-01', true],
  ]);
});

test('runs in the window in the server zone; GC and verify of store1 overlap, prune does not count; a past date never runs', () => {
  const cal = jobCalendar(scheduledJobs(TREE), { from: new Date('2025-03-01T00:00:00Z'), days: 7, timeZone: 'Europe/Berlin', windowMinutes: 30 });
  const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 16);
  const runs = Object.fromEntries(cal.jobs.map((j) => [`${j.kind}:${j.id}`, j.runs.map(iso)]));
  assert.deepEqual(runs['gc:store1'], ['2025-03-01T01:00']); // sat 02:00 in Berlin (+01:00)
  assert.equal(runs['gc:store2'].length, 7);
  assert.deepEqual(runs['verify:v2'], []);
  assert.deepEqual(runs['tape-backup:t1'], []);
  assert.deepEqual(
    cal.overlaps.map((o) => ({ datastore: o.datastore, start: iso(o.start), jobs: o.jobs.map((j) => j.id) })),
    [{ datastore: 'store1', start: '2025-03-01T01:00', jobs: ['store1', 'v1'] }],
  );
  assert.deepEqual(cal.neverRuns.map((j) => [j.id, j.reason]), [
    ['p-none', 'no-keep-option'],
    ['t1', 'invalid-schedule'],
    ['v2', 'no-next-run'],
  ]);
});

test('the window decides: 10 minutes apart is no overlap with a 5-minute window', () => {
  const cal = jobCalendar(scheduledJobs(TREE), { from: new Date('2025-03-01T00:00:00Z'), days: 7, timeZone: 'Europe/Berlin', windowMinutes: 10 });
  assert.deepEqual(cal.overlaps, []);
});

test('a job firing every minute is cut at maxRunsPerJob and says so', () => {
  const ws = tree({ 'verification.cfg': 'verification: busy\n\tstore s\n\tschedule *:*\n' });
  const cal = jobCalendar(scheduledJobs(ws), { from: new Date('2025-01-01T00:00:00Z'), days: 31, timeZone: 'UTC', windowMinutes: 30, maxRunsPerJob: 100 });
  assert.equal(cal.jobs[0].runs.length, 100);
  assert.equal(cal.jobs[0].truncated, true);
});

test('the jobs of texts parsed alone are the jobs of a workspace holding them; files without sections add none', () => {
  const texts = TREE.all().map(({ path, kind, text }) => ({ path, kind, text }));
  // a schema error (a store that is no datastore name) changes no job; node.cfg holds none
  const broken = tree({ 'verification.cfg': 'verification: v1\n\tstore not/a/store\n\tschedule sat 02:15\n\tbogus-key 1\n', 'node.cfg': 'acme: account=a\n' });
  assert.ok(broken.all().some((f) => f.parsed.problems.length > 0));
  for (const ws of [TREE, broken]) {
    const files = ws.all().map(({ path, kind, text }) => ({ path, kind, text }));
    assert.deepEqual(scheduledJobsOfTexts(files), scheduledJobs(ws));
  }
  assert.equal(scheduledJobsOfTexts(texts).length, 8);
});

test('overlaps: the runs of several jobs merged in time order, a tie going to the job listed first', () => {
  const job = (id: string, runs: number[]): JobRuns => ({ file: 'f', line: 1, start: 0, end: 0, id, kind: 'verify', datastores: ['s'], schedule: '', event: undefined, runs, truncated: false });
  // five lists (an odd number: one waits a pass), equal times across jobs, one job alone far off
  const jobs = [job('a', [100, 5000]), job('b', [100, 130]), job('c', [90, 5010, 9000]), job('d', [100]), job('e', [20000])];
  assert.deepEqual(
    overlapsOf(jobs, 60).map((o) => [o.start, o.jobs.map((j) => `${j.id}@${j.time}`)]),
    [
      [90, ['c@90', 'a@100', 'b@100', 'd@100', 'b@130']],
      [5000, ['a@5000', 'c@5010']],
    ],
  );
});

test('the JSON as text, piece by piece, is calendarJson: with and without overlaps and never-runs', () => {
  for (const windowMinutes of [30, 1]) {
    const cal = jobCalendar(scheduledJobs(TREE), { from: new Date('2025-03-01T00:00:00Z'), days: 7, timeZone: 'Europe/Berlin', windowMinutes });
    assert.deepEqual(JSON.parse([...calendarJsonText(cal)].join('')), calendarJson(cal));
  }
  const empty = jobCalendar([], { from: new Date('2025-03-01T00:00:00Z'), days: 1, timeZone: 'UTC', windowMinutes: 30 });
  const text = [...calendarJsonText(empty)].join('');
  assert.deepEqual(JSON.parse(text), calendarJson(empty));
  assert.match(text, /"jobs": \[\],\n "overlaps": \[\],\n "neverRuns": \[\]\n\}\n$/);
});

test('the prune jobs of a prune.cfg text parsed alone, with their keep-* options as a workspace reads them', () => {
  const file = TREE.all().find((f) => f.kind.name === 'prune.cfg')!;
  assert.ok(file.parsed.family === 'section-config');
  const sections = file.parsed.ast.sections.filter((s) => s.type.text === 'prune');
  assert.deepEqual(pruneJobsOfText(file.text), sections.map((s) => ({ id: s.id.text, keep: keepOptionsOf(s) })));
  assert.deepEqual(pruneJobsOfText(file.text).map((j) => [j.id, j.keep]), [['p1', { 'keep-last': 3 }], ['p-off', { 'keep-last': 1 }], ['p-none', {}]]);
  assert.deepEqual(pruneJobsOfText('datastore: d\n\tpath /x\n'), []);
});
