// A FileModel that re-parses only the edited blocks must give exactly what a fresh parse of the
// same text gives: same sections, same problems, at the same offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { FileModel } from '../../../service/parsed-file.ts';
import { rng } from '../../helpers/random.ts';

const BASE = readFileSync(new URL('../../../examples/broken/sync.cfg', import.meta.url), 'utf8');

function fresh(kind: string, text: string) {
  return new FileModel(fileKindByName(kind)!).update(text);
}

function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 6)) {
    case 0:
      lines.splice(i, 0, ''); // blank line: splits a section
      break;
    case 1:
      lines.splice(i, 1); // delete a line: may merge sections
      break;
    case 2:
      lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? ''); // duplicate a line
      break;
    case 3:
      lines[i] = (lines[i] ?? '') + String.fromCharCode(32 + Math.floor(r() * 90)); // type a character
      break;
    case 4:
      lines[i] = (lines[i] ?? '').slice(1); // drop the indentation or a header's first letter
      break;
    default:
      lines.splice(i, 0, 'sync: new-job', '\tstore vmstore', '\tremote-store archive'); // paste a section
  }
  return lines.join('\n');
}

/** The tree as plain data: property lines keep their spans behind getters (grammar/ast.ts). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

test('incremental re-parsing equals a fresh parse after every one of 300 random edits', () => {
  const r = rng(20261123);
  const model = new FileModel(fileKindByName('sync.cfg')!);
  let text = BASE;
  model.update(text);
  for (let step = 0; step < 300; step++) {
    text = edit(text, r);
    const incremental = model.update(text);
    const whole = fresh('sync.cfg', text);
    assert.deepEqual(plain(incremental), plain(whole), `step ${step}:\n${text}`);
  }
});

test('an unchanged block is reused, not parsed again', () => {
  const model = new FileModel(fileKindByName('sync.cfg')!);
  const first = model.update(BASE);
  const second = model.update(BASE.replace('sync: ', 'sync: x'));
  const third = model.update(BASE.replace('sync: ', 'sync: y'));
  assert.equal(first.family, 'section-config');
  if (second.family !== 'section-config' || third.family !== 'section-config') throw new Error('family');
  // The last section's object is the same from the second version on.
  assert.equal(second.ast.sections.at(-1), third.ast.sections.at(-1));
});

/** Typing and deleting single characters anywhere, line breaks, blanks and a BOM included. */
function keystroke(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const chars = ['\n', '\r', '\r\n', ' ', '\t', 'x', ':', '\ufeff', '\n\n', 'datastore: s\n\tpath /p'];
  if (r() < 0.4) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + chars[Math.floor(r() * chars.length)] + text.slice(at);
}

test('incremental re-parsing equals a fresh parse after 400 single-character edits anywhere', () => {
  const r = rng(20261207);
  const model = new FileModel(fileKindByName('sync.cfg')!);
  let text = BASE;
  model.update(text);
  for (let step = 0; step < 400; step++) {
    text = keystroke(text, r);
    if (step % 97 === 0) text = '\ufeff' + text;
    assert.deepEqual(plain(model.update(text)), plain(fresh('sync.cfg', text)), `step ${step}:\n${JSON.stringify(text)}`);
  }
});

test('past the per-file cap: edits that add and remove problems before it list what a fresh parse lists', () => {
  // 6,000 datastores with two deprecated keys each: 12,000 hints, over the 10,000 a file keeps
  const section = (i: number, keys: boolean) => `datastore: s${i}\n\tpath /p${i}\n${keys ? '\tkeep-daily 7\n\tkeep-last 3\n' : ''}`;
  const sections = Array.from({ length: 6000 }, (_, i) => section(i, true));
  const r = rng(7);
  const model = new FileModel(fileKindByName('datastore.cfg')!);
  model.update(sections.join('\n'));
  for (let step = 0; step < 12; step++) {
    // clear or restore the keys of 400 sections at a time, before and after the cut
    const from = Math.floor(r() * 5600);
    const keys = r() < 0.5;
    for (let i = from; i < from + 400; i++) sections[i] = section(i, keys);
    if (step % 3 === 2) sections[from] = sections[from].replace('\tpath', '\tbogus 1\n\tpath');
    const text = sections.join('\n');
    const incremental = model.update(text);
    const whole = fresh('datastore.cfg', text);
    assert.equal(incremental.problems.length, whole.problems.length, `step ${step}`);
    assert.deepEqual(plain(incremental), plain(whole), `step ${step}`);
  }
});
