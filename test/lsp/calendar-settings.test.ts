// The calendar's settings over stdio, as Neovim or Emacs would use them: overlap hints
// (pbs.calendar.overlapHints, off by default; pbs.calendar.overlapWindowMinutes) across
// datastore.cfg and verification.cfg, re-computed when either changes; and pbs.timeZone for every
// run the editor computes (hover, the pictures, next runs), with one warning for a zone name the
// runtime does not know. The server's own zone is UTC here (TZ=UTC). Build first: npm run build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startClient } from '../helpers/lsp.ts';

const root = join(mkdtempSync(join(tmpdir(), 'pbs-lsp-calendar-')), 'proxmox-backup');
mkdirSync(root);
const datastoreText = 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule 02:00\n';
const verifyText = 'verification: v1\n\tstore store1\n\tschedule 02:15\n';
writeFileSync(join(root, 'datastore.cfg'), datastoreText);
writeFileSync(join(root, 'verification.cfg'), verifyText);
const datastoreUri = pathToFileURL(join(root, 'datastore.cfg')).href;
const verifyUri = pathToFileURL(join(root, 'verification.cfg')).href;
const env = { ...process.env, TZ: 'UTC' };

const overlaps = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.code === 'job-overlap');

test('overlap hints: none by default; with pbs.calendar.overlapHints a hint on both files, linked to each other; gone when one file changes', async () => {
  let settings: Record<string, unknown> = {};
  const c = await startClient({ configuration: () => settings, env });
  try {
    const first = c.nextDiagnostics(verifyUri);
    await c.open(verifyUri, verifyText);
    assert.deepEqual(overlaps(await first), [], 'off by default');

    settings = { calendar: { overlapHints: true } };
    const on = c.nextDiagnostics(verifyUri, (p) => overlaps(p).length > 0);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const [hint] = overlaps(await on);
    assert.equal(hint.severity, 4);
    assert.deepEqual(hint.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 15 } });
    assert.match(hint.message, /^verification job 'v1' starts within 30 minutes of garbage collection of 'store1' on datastore 'store1', first at \d{4}-\d\d-\d\d 02:00 \(UTC\)/);
    assert.deepEqual(hint.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[datastoreUri, 2]]);

    // the other file, opened: its own hint, pointing back
    const gcDiags = c.nextDiagnostics(datastoreUri);
    await c.open(datastoreUri, datastoreText);
    const [gc] = overlaps(await gcDiags);
    assert.match(gc.message, /^garbage collection of 'store1' starts within 30 minutes of verification job 'v1'/);
    assert.equal(gc.relatedInformation?.[0].location.uri, verifyUri);

    // GC moved to 05:00 in datastore.cfg: verification.cfg's hint goes (re-checked as a sibling)
    const gone = c.nextDiagnostics(verifyUri, (p) => overlaps(p).length === 0);
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: datastoreUri, version: 2 }, contentChanges: [{ text: datastoreText.replace('02:00', '05:00') }] });
    await gone;

    // back to 02:00, but a window of 10 minutes: 15 minutes apart is no overlap
    // (a publish with the old window may come first; the one after the settings change has none)
    settings = { calendar: { overlapHints: true, overlapWindowMinutes: 10 } };
    const narrow = c.nextDiagnostics(datastoreUri, (p) => p.version === 3 && overlaps(p).length === 0);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: datastoreUri, version: 3 }, contentChanges: [{ text: datastoreText }] });
    await narrow;
    settings = { calendar: { overlapHints: true, overlapWindowMinutes: 20 } };
    const wide = c.nextDiagnostics(datastoreUri, (p) => overlaps(p).length > 0);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.match(overlaps(await wide)[0].message, /starts within 20 minutes of/);
  } finally {
    await c.close();
  }
});

test('pbs.timeZone: hover, next runs, the job calendar and the hints are in that zone', async () => {
  const settings = { timeZone: 'Asia/Kathmandu', calendar: { overlapHints: true } };
  const c = await startClient({ configuration: () => settings, env });
  try {
    const diags = c.nextDiagnostics(verifyUri, (p) => overlaps(p).length > 0);
    await c.open(verifyUri, verifyText);
    assert.match(overlaps(await diags)[0].message, /first at \d{4}-\d\d-\d\d 02:00 \(Asia\/Kathmandu\)/);

    const hover = (await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: verifyUri }, position: { line: 2, character: 11 } })) as { contents: { value: string } };
    // next runs at 02:15 Kathmandu = 20:30 UTC; the neighbouring GC named in the same zone
    assert.match(hover.contents.value, /Asia\/Kathmandu · UTC/);
    assert.match(hover.contents.value, /02:15 \+05:45 · \w{3} \d{4}-\d\d-\d\d 20:30 UTC/);
    assert.match(hover.contents.value, /other heavy jobs on store1 in the next 7 days \(Asia\/Kathmandu\): gc store1 \(\d{4}-\d\d-\d\d 02:00/);

    const runs = (await c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.nextRuns', arguments: ['02:00', 1, '2026-01-02T00:00:00Z'] })) as { runs: { local: string; utc: string }[] };
    // 00:00 UTC is 05:45 in Kathmandu: the next 02:00 there is the next day's
    assert.deepEqual(runs.runs, [{ local: '2026-01-03T02:00:00+05:45', utc: '2026-01-02T20:15:00Z' }]);

    const cal = (await c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: verifyUri, from: '2026-03-01', days: 2 }] })) as {
      calendar: { timeZone: string; jobs: { id: string; runs: string[] }[]; overlaps: unknown[] };
    };
    assert.equal(cal.calendar.timeZone, 'Asia/Kathmandu');
    assert.deepEqual(cal.calendar.jobs.find((j) => j.id === 'v1')?.runs, ['2026-03-01T02:15:00+05:45', '2026-03-02T02:15:00+05:45']);
    // an explicit zone still wins
    const utc = (await c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: verifyUri, from: '2026-03-01', days: 1, timeZone: 'UTC' }] })) as { calendar: { timeZone: string } };
    assert.equal(utc.calendar.timeZone, 'UTC');
  } finally {
    await c.close();
  }
});

test('pbs.timeZone naming no zone: one warning, then runs in the machine\'s zone; nothing breaks', async () => {
  const notices: { type: number; message: string }[] = [];
  const settings = { timeZone: 'Mars/Olympus_Mons' };
  const c = await startClient({ configuration: () => settings, env, onShowMessage: (m) => notices.push(m) });
  try {
    const diags = c.nextDiagnostics(verifyUri);
    await c.open(verifyUri, verifyText);
    await diags;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const hover = (await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: verifyUri }, position: { line: 2, character: 11 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Next 5 runs \(UTC\)/);
    const runs = (await c.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.nextRuns', arguments: ['02:00', 1, '2026-01-02T00:00:00Z'] })) as { runs: { local: string }[] };
    assert.equal(runs.runs[0].local, '2026-01-02T02:00:00+00:00');
    assert.deepEqual(notices, [
      { type: 2, message: 'pbs.timeZone: unknown time zone "Mars/Olympus_Mons" (use an IANA name such as Europe/Vienna or UTC); runs are computed in this machine\'s zone, UTC' },
    ]);
  } finally {
    await c.close();
  }
});
