// What an edited file's diagnostics are made from is carried from version to version (the jobs,
// references and definitions lists, whether two sections share an id: section-splice.ts). The
// published list must be what a fresh workspace gives for the same text, for every version, also
// past the caps (the server's 1,000 diagnostics, the 10,000 problems a file keeps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { diagnose } from '../../../service/diagnostics.ts';
import { jobsOfFile } from '../../../service/job-calendar.ts';
import { Workspace } from '../../../service/workspace.ts';
import { rng } from '../../helpers/random.ts';

const PATH = '/etc/proxmox-backup/datastore.cfg';
const KIND = fileKindByName('datastore.cfg')!;
const NOW = new Date('2026-12-07T12:00:00Z');

function section(i: number, deprecated: boolean): string {
  return `datastore: store${i}\n\tcomment datastore ${i} revision 1\n\tgc-schedule sat 03:00\n${deprecated ? '\tkeep-daily 7\n\tkeep-last 3\n' : ''}\tpath /mnt/store${i}\n`;
}

/** One edit of a section: what typing in an editor does to a big datastore.cfg. */
function edit(sections: string[], r: () => number): void {
  const i = Math.floor(r() * sections.length);
  const s = sections[i];
  switch (Math.floor(r() * 8)) {
    case 0: // a digit of the comment (the length holds)
      sections[i] = s.replace(/revision \d/, `revision ${Math.floor(r() * 10)}`);
      break;
    case 1: // a character more in the comment (every section below moves)
      sections[i] = s.replace('revision', 'revisionx');
      break;
    case 2: // the id of another section: two sections share an id, or no longer do
      sections[i] = s.replace(/^datastore: \S+/, `datastore: store${Math.floor(r() * sections.length)}`);
      break;
    case 3: // a schedule whose dates are all past (never runs), or back to a weekly one
      sections[i] = s.includes('2020-') ? s.replace(/gc-schedule .*/, 'gc-schedule sat 03:00') : s.replace(/gc-schedule .*/, 'gc-schedule 2020-01-01');
      break;
    case 4: // the deprecated keys away or back
      sections[i] = s.includes('keep-daily') ? s.replace('\tkeep-daily 7\n\tkeep-last 3\n', '') : s.replace('\tpath', '\tkeep-daily 7\n\tkeep-last 3\n\tpath');
      break;
    case 5: // a section removed
      sections.splice(i, 1);
      break;
    case 6: // a section pasted
      sections.splice(i, 0, section(Math.floor(r() * 2 * sections.length), r() < 0.5));
      break;
    default: // a blank line inside a section: it splits in two (the second half has no header)
      sections[i] = s.replace('\tpath', '\n\tpath');
  }
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function checkEdits(count: number, deprecated: (i: number) => boolean, steps: number, seed: number): void {
  const r = rng(seed);
  const sections = Array.from({ length: count }, (_, i) => section(i, deprecated(i)));
  const ws = new Workspace();
  ws.set(PATH, KIND, sections.join('\n'));
  for (let step = 0; step < steps; step++) {
    // one to three edits per version (a version may also be skipped, as when a burst is coalesced)
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) edit(sections, r);
    const text = sections.join('\n');
    const file = ws.set(PATH, KIND, text);
    const fresh = Workspace.of([{ path: PATH, kind: KIND, text }]);
    const freshFile = fresh.get(PATH)!;
    for (const limit of [1000, 10_000]) {
      assert.deepEqual(diagnose(file, ws, undefined, limit, { now: NOW }), diagnose(freshFile, fresh, undefined, limit, { now: NOW }), `step ${step}, limit ${limit}`);
    }
    assert.deepEqual(plain(jobsOfFile(file)), plain(jobsOfFile(freshFile)), `jobs, step ${step}`);
    assert.deepEqual(plain(ws.references(file)), plain(fresh.references(freshFile)), `references, step ${step}`);
    assert.deepEqual(plain(ws.definitions(file)), plain(fresh.definitions(freshFile)), `definitions, step ${step}`);
  }
}

test('edits of a file with more problems than are published (2,400 hints, 1,000 published): every version as a fresh workspace has it', () => {
  checkEdits(1200, () => true, 40, 20261207);
});

test('edits past the 10,000 problems a file keeps (12,000 hints: checking stops): every version as a fresh workspace has it', () => {
  checkEdits(6000, () => true, 8, 7);
});

test('edits of a file with few problems (duplicate ids and past schedules come and go): every version as a fresh workspace has it', () => {
  checkEdits(400, (i) => i % 50 === 0, 100, 42);
});
