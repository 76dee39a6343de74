// The prune simulation picture: well-formed SVG, a legend of the rules that occur, one cell per
// day coloured by the rule that kept it, grey for removed days, tooltips with the snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectPrune } from '../../../../core/prune/select.ts';
import { pruneSvg, RULE_COLOURS } from '../../../../service/pictures/prune-svg.ts';
import { parseSvg } from '../../../helpers/svg.ts';

const day = (d: string) => Date.parse(`${d}T21:00:00Z`) / 1000;
const snapshots = ['2025-03-01', '2025-03-02', '2025-03-08', '2025-03-09', '2025-03-10', '2025-02-27'].map((d) => ({ time: day(d) }));
const options = { 'keep-last': 2, 'keep-weekly': 1, 'keep-monthly': 1 };

test('a row per month (newest first), legend of the reasons present, cells by rule, removed grey', () => {
  const verdicts = selectPrune(snapshots, options, 'UTC');
  const els = parseSvg(pruneSvg(verdicts, { options, timeZone: 'UTC' }));
  const texts = els.filter((e) => e.name === 'text').map((e) => e.text);
  assert.equal(texts[0], 'Prune simulation: keep-last 2, keep-weekly 1, keep-monthly 1');
  assert.equal(texts[1], '3 of 6 snapshots kept, 3 removed — days in time zone UTC');
  assert.ok(texts.includes('keep-last') && texts.includes('keep-weekly') && texts.includes('removed'));
  // 02-27 shares ISO week 9 with 03-02, so keep-weekly marked it removed before keep-monthly
  // looked (PBS's mark_selections): keep-monthly keeps nothing and is not in the legend
  assert.ok(!texts.includes('keep-monthly') && !texts.includes('keep-daily'));
  const rows = texts.filter((t) => /^[A-Z][a-z]{2} \d{4}$/.test(t));
  assert.deepEqual(rows, ['Mar 2025', 'Feb 2025']);
  const tooltips = els.filter((e) => e.name === 'title').map((e) => e.text);
  assert.ok(tooltips.includes('2025-03-10: 1 snapshot\n21:00 keep (keep-last)'));
  assert.ok(tooltips.includes('2025-03-08: 1 snapshot\n21:00 remove'));
  const fills = new Set(els.filter((e) => e.name === 'rect').map((e) => e.attributes.fill));
  for (const r of ['keep-last', 'keep-weekly'] as const) assert.ok(fills.has(RULE_COLOURS[r].fill), r);
});

test('long histories are cut at 240 months, with a note', () => {
  const many = Array.from({ length: 300 }, (_, i) => ({ time: Date.UTC(2000, i, 15) / 1000 }));
  const svg = pruneSvg(selectPrune(many, { 'keep-yearly': 3 }, 'UTC'), { options: { 'keep-yearly': 3 }, timeZone: 'UTC' });
  const els = parseSvg(svg);
  assert.ok(els.some((e) => e.name === 'text' && e.text === '… and 60 older months not drawn'));
  assert.equal(els.filter((e) => e.name === 'text' && /^[A-Z][a-z]{2} \d{4}$/.test(e.text)).length, 240);
});
