// `pbs-tools calendar` on a configuration tree: the agenda per datastore with overlaps marked,
// the JSON contract, the pictures, never-runs, and the errors. Build first: npm run build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { parseSvg } from '../helpers/svg.ts';

const env = { ...process.env, TZ: 'Europe/Berlin' };
const root = mkdtempSync(join(tmpdir(), 'pbs-calendar-'));
const etc = join(root, 'proxmox-backup');
mkdirSync(etc);
writeFileSync(join(etc, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02:00\n');
writeFileSync(join(etc, 'verification.cfg'), 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n\nverification: v-old\n\tstore store1\n\tschedule 2020-01-01\n');
writeFileSync(join(etc, 'prune.cfg'), 'prune: p1\n\tstore store1\n\tschedule sat 02:05\n\tkeep-daily 7\n');
const args = ['calendar', etc, '--from', '2025-03-01', '--days', '7'];

test('text: an agenda per datastore, the overlap marked with both jobs, never-runs listed', async () => {
  const r = await runCli(args, { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Jobs from Sat 2025-03-01 00:00 to Sat 2025-03-08 00:00 (time zone Europe/Berlin)');
  assert.ok(lines.some((l) => /^ {2}! Sat 2025-03-01 02:00 {2}gc +store1 .*datastore\.cfg:3 {2}overlaps verify v1 at 02:15$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^ {2}! Sat 2025-03-01 02:15 {2}verify +v1 .*overlaps gc store1 at 02:00$/.test(l)), r.stdout);
  // prune only removes snapshot folders: not a heavy job, never an overlap
  assert.ok(lines.some((l) => /^ {4}Sat 2025-03-01 02:05 {2}prune +p1 /.test(l)), r.stdout);
  assert.ok(lines.some((l) => /verification\.cfg:7: verify v-old \('2020-01-01'\): PBS finds no next run of its schedule$/.test(l)), r.stdout);
  assert.equal(lines.at(-2), '4 jobs, 1 overlaps (heavy jobs on one datastore starting within 30 minutes), 1 never run');
});

test('json: the contract of DESIGN.md, times in the zone', async () => {
  const r = await runCli([...args, '--format', 'json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(
    j.jobs.map((x: { id: string; kind: string; line: number; datastores: string[]; runs: string[] }) => [x.id, x.kind, x.line, x.datastores, x.runs]),
    [
      ['store1', 'gc', 3, ['store1'], ['2025-03-01T02:00:00+01:00']],
      ['p1', 'prune', 3, ['store1'], ['2025-03-01T02:05:00+01:00']],
      ['v1', 'verify', 3, ['store1'], ['2025-03-01T02:15:00+01:00']],
      ['v-old', 'verify', 7, ['store1'], []],
    ],
  );
  assert.deepEqual(j.overlaps, [{ datastore: 'store1', start: '2025-03-01T02:00:00+01:00', jobs: ['store1', 'v1'] }]);
  assert.deepEqual(j.neverRuns.map((n: { id: string; line: number; reason: string }) => [n.id, n.line, n.reason]), [['v-old', 7, 'no-next-run']]);
  assert.match(j.jobs[0].file, /proxmox-backup\/datastore\.cfg$/);
});

test('svg and html: well-formed, one lane per datastore, the overlap drawn, the zone named', async () => {
  const svg = await runCli([...args, '--format', 'svg', '--window', '20'], { env });
  assert.equal(svg.code, 0, svg.stderr);
  const els = parseSvg(svg.stdout);
  const texts = els.filter((e) => e.name === 'text').map((e) => e.text);
  assert.equal(texts[0], 'PBS job calendar, 2025-03-01 00:00 to 2025-03-08 00:00');
  assert.equal(texts[1], '4 jobs, 3 runs, 1 overlaps, 1 never run — times in Europe/Berlin');
  assert.ok(texts.includes('store1'));
  assert.ok(els.some((e) => e.name === 'title' && e.text === 'overlap on store1: gc store1, verify v1'));
  const html = await runCli([...args, '--format', 'html'], { env });
  assert.match(html.stdout, /^<!DOCTYPE html>[\s\S]*<svg [\s\S]*<\/svg>[\s\S]*<pre>Jobs from Sat 2025-03-01/);
});

test('a window of 10 minutes: no overlap; errors are usage errors', async () => {
  const r = await runCli([...args, '--window', '10', '--format', 'json'], { env });
  assert.deepEqual(JSON.parse(r.stdout).overlaps, []);
  const cases: [string[], RegExp][] = [
    [['calendar'], /no PATH given/],
    [['calendar', etc, '--days', '0'], /--days wants a whole number from 1 to 366/],
    [['calendar', etc, '--tz', 'Mars/Olympus'], /unknown time zone 'Mars\/Olympus'/],
    [['calendar', etc, '--from', 'soon'], /--from wants an ISO 8601 date/],
    [['calendar', etc, '--format', 'pdf'], /unknown --format 'pdf'/],
    [['calendar', root + '/nothing-here'], /nothing-here/],
  ];
  for (const [a, message] of cases) {
    const e = await runCli(a, { env });
    assert.equal(e.code, 2, a.join(' '));
    assert.match(e.stderr, message);
  }
  const empty = mkdtempSync(join(tmpdir(), 'pbs-calendar-empty-'));
  writeFileSync(join(empty, 'user.cfg'), 'user: root@pam\n');
  const none = await runCli(['calendar', empty], { env });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no job files \(datastore\.cfg, prune\.cfg, verification\.cfg, sync\.cfg, tape-job\.cfg\) found/);
});
