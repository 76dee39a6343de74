// The job calendar and the prune simulation as editor commands: arguments checked, the data, the
// picture and a summary answered from the files of the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../service/workspace.ts';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { fileArg, jobCalendarCommand, PictureCommandError, simulatePruneCommand } from '../../../service/picture-commands.ts';
import { parseSvg } from '../../helpers/svg.ts';
import { openAs } from '../../helpers/workspace.ts';

const NOW = new Date('2025-03-01T00:00:00Z');
const ws = new Workspace();
const set = (name: string, text: string) => openAs(name, text, ws);
set('datastore.cfg', 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02:00\n');
set('verification.cfg', 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n');
const prune = set('prune.cfg', 'prune: p1\n\tstore store1\n\tschedule daily\n\tkeep-last 2\n\tkeep-daily 5\n\nprune: empty\n\tstore store1\n\tschedule daily\n');
ws.set('/elsewhere/datastore.cfg', fileKindByName('datastore.cfg')!, 'datastore: other\n\tpath /x\n\tgc-schedule sat 02:00\n');

test('jobCalendar: the jobs of the file\'s configuration root only, the overlap, a well-formed picture', () => {
  const r = jobCalendarCommand(ws, prune, [{ days: 7, timeZone: 'UTC' }], NOW);
  assert.deepEqual(r.calendar.jobs.map((j) => j.id), ['store1', 'p1', 'empty', 'v1']);
  assert.deepEqual(r.calendar.overlaps, [{ datastore: 'store1', start: '2025-03-01T02:00:00+00:00', jobs: ['store1', 'v1'] }]);
  assert.deepEqual(r.calendar.neverRuns.map((n) => [n.id, n.reason]), [['empty', 'no-keep-option']]);
  assert.equal(r.title, 'PBS job calendar — /etc/proxmox-backup');
  assert.ok(parseSvg(r.svg).length > 10);
  assert.equal(r.summary.at(-1), '4 jobs, 1 overlaps (heavy jobs on one datastore starting within 30 minutes), 1 never run');
});

test('simulatePrune: the job\'s keep options on daily backups; kept per rule', () => {
  const r = simulatePruneCommand(prune, [{ id: 'p1', timeZone: 'UTC', schedule: '21:00', from: '2025-02-01', to: '2025-03-01' }], NOW);
  assert.equal(r.verdicts.length, 28);
  assert.deepEqual(r.verdicts.filter((v) => v.keep).map((v) => `${v.time.slice(0, 10)} ${v.reason}`), [
    '2025-02-28 keep-last',
    '2025-02-27 keep-last',
    '2025-02-26 keep-daily',
    '2025-02-25 keep-daily',
    '2025-02-24 keep-daily',
    '2025-02-23 keep-daily',
    '2025-02-22 keep-daily',
  ]);
  assert.match(r.summary[0], /^prune job p1 \(keep-last 2, keep-daily 5\) on backups at '21:00' .*: 7 of 28 kept \(time zone UTC\)$/);
  assert.ok(parseSvg(r.svg).some((e) => e.name === 'title'));
});

test('bad arguments are PictureCommandErrors that say what is expected', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => simulatePruneCommand(prune, ['p1']), /the argument is an object/],
    [() => simulatePruneCommand(prune, [{ id: 7 }]), /id is the id of a prune job/],
    [() => simulatePruneCommand(prune, [{ id: 'nope' }]), /there is no prune job 'nope'/],
    [() => simulatePruneCommand(prune, [{ id: 'empty' }]), /has no keep-\* option: PBS skips it/],
    [() => simulatePruneCommand(prune, [{ id: 'p1', schedule: 'mon-fri' }]), /schedule is the backups' calendar event/],
    [() => simulatePruneCommand(prune, [{ id: 'p1', from: '2025-03-01', to: '2025-02-01' }]), /from must be before to/],
    [() => jobCalendarCommand(ws, prune, [{ days: 0 }]), /days is a whole number from 1 to 366/],
    [() => jobCalendarCommand(ws, prune, [{ timeZone: 'Mars/Base' }]), /timeZone is an IANA zone name/],
    [() => fileArg('pbs.server.jobCalendar', ws, '/nowhere/prune.cfg'), /is not a PBS configuration file of this workspace/],
  ];
  for (const [call, message] of bad) assert.throws(call, (err: unknown) => err instanceof PictureCommandError && message.test(err.message));
});
