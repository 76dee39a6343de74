// The job calendar and the prune simulation over stdio, as Neovim or Helix would run them: code
// lenses over the job sections, and workspace/executeCommand answering data and an SVG, for an
// open file and for one only on disk. Build first: npm run build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc';
import { startClient } from '../helpers/lsp.ts';
import { parseSvg } from '../helpers/svg.ts';

const root = join(mkdtempSync(join(tmpdir(), 'pbs-lsp-pictures-')), 'proxmox-backup');
mkdirSync(root);
writeFileSync(join(root, 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02:00\n');
writeFileSync(join(root, 'verification.cfg'), 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n');
const pruneText = 'prune: p1\n\tstore store1\n\tschedule daily\n\tkeep-daily 5\n';
writeFileSync(join(root, 'prune.cfg'), pruneText);

test('code lenses: a job calendar over every job, a simulation over every prune job', async () => {
  const c = await startClient();
  try {
    const uri = pathToFileURL(join(root, 'prune.cfg')).href;
    await c.open(uri, pruneText);
    const lenses = (await c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command.title, l.command.command, l.command.arguments]),
      [
        [0, 'Job calendar', 'pbs.server.jobCalendar', [{ path: join(root, 'prune.cfg') }]],
        [0, 'Simulate prune', 'pbs.server.simulatePrune', [{ path: join(root, 'prune.cfg'), id: 'p1' }]],
      ],
    );
  } finally {
    await c.close();
  }
});

test('executeCommand: the calendar of the open file\'s root (siblings from disk), the simulation; bad arguments are InvalidParams', async () => {
  const c = await startClient();
  try {
    const uri = pathToFileURL(join(root, 'prune.cfg')).href;
    await c.open(uri, pruneText);
    const cal = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'pbs.server.jobCalendar',
      arguments: [{ path: uri, from: '2025-03-01', days: 7, timeZone: 'UTC' }],
    })) as { calendar: { overlaps: unknown[]; jobs: { id: string }[] }; svg: string; summary: string[] };
    assert.deepEqual(cal.calendar.jobs.map((j) => j.id).sort(), ['p1', 'store1', 'v1']);
    assert.deepEqual(cal.calendar.overlaps, [{ datastore: 'store1', start: '2025-03-01T02:00:00+00:00', jobs: ['store1', 'v1'] }]);
    assert.ok(parseSvg(cal.svg).length > 10);
    const sim = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'pbs.server.simulatePrune',
      arguments: [{ path: join(root, 'prune.cfg'), id: 'p1', from: '2025-02-01', to: '2025-03-01', timeZone: 'UTC' }],
    })) as { verdicts: { keep: boolean }[]; svg: string };
    assert.equal(sim.verdicts.filter((v) => v.keep).length, 5);
    assert.ok(parseSvg(sim.svg).length > 10);
    await assert.rejects(
      c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.simulatePrune', arguments: [{ path: join(root, 'prune.cfg'), id: 'nope' }] }),
      (err: unknown) => err instanceof ResponseError && err.code === -32602 && /no prune job 'nope'/.test(err.message),
    );
    await assert.rejects(
      c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: '/nowhere/x.cfg' }] }),
      (err: unknown) => err instanceof ResponseError && err.code === -32602,
    );
  } finally {
    await c.close();
  }
});

test('executeCommand on a file nobody opened reads it and its root from disk', async () => {
  const c = await startClient();
  try {
    const cal = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'pbs.server.jobCalendar',
      arguments: [{ path: join(root, 'datastore.cfg'), from: '2025-03-01', timeZone: 'UTC' }],
    })) as { calendar: { jobs: { id: string }[] } };
    assert.deepEqual(cal.calendar.jobs.map((j) => j.id).sort(), ['p1', 'store1', 'v1']);
  } finally {
    await c.close();
  }
});
