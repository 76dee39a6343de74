// Hover beyond the value: what a prune job's keep-* options keep (PBS's selection run on a
// regular history), and which heavy jobs on the same datastore start next to a schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../service/hover.ts';
import { ageWords, keepSummary } from '../../../service/hover-jobs.ts';
import { marked } from '../../helpers/marked.ts';
import { openAs, pbsTree } from '../../helpers/workspace.ts';

const NOW = new Date('2025-03-01T12:00:00Z');
const ZONE = 'Europe/Vienna';

function hover(kind: string, src: string, others: Record<string, string> = {}): string | undefined {
  const m = marked(src);
  const ws = pbsTree(others);
  const file = openAs(kind, m.text, ws);
  return hoverAt(file, ws, m.cursor!, { markdown: false, now: NOW, timeZone: ZONE })?.contents;
}

test('keep-* on a prune job: at most the sum; with daily backups how many stay and how old the oldest is', () => {
  const h = hover('prune.cfg', 'prune: p1\n\tstore s1\n\tschedule daily\n\tkeep-last 3\n\tkeep-daily 7\n\tkeep-weekly <|>4\n\tkeep-monthly 6\n');
  assert.ok(h?.endsWith(
    'With keep-last 3, keep-daily 7, keep-weekly 4, keep-monthly 6 a prune keeps at most 20 snapshots per backup group (protected ones aside).\n\n' +
      "With daily backups it keeps 20; the oldest kept is about 7 months old. Each rule skips the periods an earlier rule already kept (PBS's order: last, hourly, daily, weekly, monthly, yearly).",
  ), h);
});

test("keep-hourly simulates hourly backups; a datastore's legacy keep-* options are not run by PBS, so not simulated", () => {
  const s = keepSummary({ 'keep-hourly': 24, 'keep-daily': 2 }, NOW, ZONE)!;
  assert.deepEqual({ ...s, oldestDays: Math.round(s.oldestDays) }, { atMost: 26, cadence: 'hourly', kept: 26, oldestDays: 3, cut: false });
  const h = hover('datastore.cfg', 'datastore: s1\n\tpath /mnt/s1\n\tkeep-last <|>2\n');
  assert.doesNotMatch(h ?? '', /a prune keeps/);
  assert.match(h ?? '', /Deprecated/);
  assert.equal(ageWords(200), 'about 7 months');
  assert.equal(keepSummary({}, NOW, ZONE), undefined);
});

test('keep-yearly 1000 is simulated over 50 years at most and says "more than"', () => {
  const s = keepSummary({ 'keep-yearly': 1000 }, NOW, 'UTC')!;
  assert.equal(s.cut, true);
  assert.equal(s.kept, 51);
});

test('a schedule names the heavy jobs on its datastore that start within 30 minutes (prune does not count)', () => {
  const others = {
    'verification.cfg': 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n',
    'prune.cfg': 'prune: p1\n\tstore store1\n\tschedule sat 02:05\n\tkeep-last 1\n',
  };
  const h = hover('datastore.cfg', 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02<|>:00\n', others);
  assert.ok(h?.endsWith('Starts within 30 minutes of other heavy jobs on store1 in the next 7 days (Europe/Vienna): verify v1 (2025-03-08 02:15).'), h);
  const quiet = hover('datastore.cfg', 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sun 02<|>:00\n', others);
  assert.doesNotMatch(quiet ?? '', /heavy job/, 'silent when nothing starts nearby');
  const prune = hover('prune.cfg', 'prune: p1\n\tstore store1\n\tschedule sat 02<|>:05\n\tkeep-last 1\n', { 'datastore.cfg': 'datastore: store1\n\tpath /x\n\tgc-schedule sat 02:00\n' });
  assert.doesNotMatch(prune ?? '', /heavy job/);
});
