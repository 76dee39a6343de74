// Inlay hints: the human form after epochs, sizes, byte counts and durations; nothing after
// values that do not parse or have no human form; only inside the requested range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlayHintsIn } from '../../../service/inlay-hints.ts';
import { marked } from '../../helpers/marked.ts';
import { openAs } from '../../helpers/workspace.ts';

/** Hints as [text before the hint's position (last 12 chars), label]. */
function hints(kind: string, src: string, range?: { start: number; end: number }) {
  const m = marked(src);
  const file = openAs(kind, m.text);
  const r = range ?? m.ranges[0] ?? { start: 0, end: m.text.length };
  return inlayHintsIn(file, r, { timeZone: 'Europe/Vienna' }).map((h) => ({ at: h.offset, label: h.label, tooltip: h.tooltip }));
}

test('epochs become dates in the given zone (UTC in the tooltip); expire 0 means never', () => {
  const src = 'user: a@pbs\n\texpire 1767225600<|>\n\nuser: b@pbs\n\texpire 0\n';
  const m = marked(src);
  assert.deepEqual(hints('user.cfg', src.replace('<|>', '')), [
    { at: m.cursor, label: '= 2026-01-01 01:00:00+01:00', tooltip: '2026-01-01T00:00:00Z (UTC)' },
    { at: m.text.length - 1, label: '= never', tooltip: undefined },
  ]);
});

test('sizes and rates get their bytes; byte counts their IEC form; minutes and days a duration', () => {
  const text = 'sync: job1\n\tstore s1\n\tremote-store r1\n\trate-in 10MB\n\tburst-in 1GiB\n\nremote: r1\n\thost pbs\n\tauth-id sync@pbs\n\tpassword x\n';
  const got = hints('sync.cfg', text).map((h) => [text.slice(h.at - 4, h.at), h.label, h.tooltip]);
  assert.deepEqual(got, [
    ['10MB', '= 10000000 B/s', '9.537 MiB/s · 10 MB/s'],
    ['1GiB', '= 1073741824 B', '1 GiB · 1.074 GB'], // a burst is a bucket size, not a rate
  ]);
  const tuning = 'datastore: s1\n\tpath /x\n\ttuning chunk-order=inode,gc-atime-cutoff=1445\n';
  assert.deepEqual(
    hints('datastore.cfg', tuning).map((h) => [tuning.slice(h.at - 4, h.at), h.label]),
    [['1445', '= 1d 5m']],
  );
  const verify = 'verification: v1\n\tstore store1\n\toutdated-after 30\n';
  assert.deepEqual(hints('verification.cfg', verify).map((h) => h.label), ['= 4w 2d']); // PBS's time-span form
});

test('no hint for values that do not parse, for plain strings, or outside the range', () => {
  assert.deepEqual(hints('user.cfg', 'user: a@pbs\n\texpire soon\n\tcomment 1767225600\n'), []);
  const text = 'user: a@pbs\n\texpire 1767225600\n\nuser: b@pbs\n\texpire 1767225601\n';
  const second = text.indexOf('user: b@pbs');
  assert.equal(hints('user.cfg', text, { start: second, end: text.length }).length, 1);
  assert.deepEqual(hints('acl.cfg', 'acl:1:/:root@pam:Admin\n'), []);
});
