// What is kept per section (references, definitions, jobs) must be what a fresh workspace works
// out, also for sections an edit moved (typing above them changes their offsets, not their text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { diagnose } from '../../../service/diagnostics.ts';
import { jobsOfFile } from '../../../service/job-calendar.ts';
import { Workspace } from '../../../service/workspace.ts';

const ROOT = '/etc/proxmox-backup';
const example = (name: string) => readFileSync(new URL(`../../../examples/broken/${name}`, import.meta.url), 'utf8');

function workspaceWith(sync: string): { ws: Workspace; file: ReturnType<Workspace['set']> } {
  const ws = new Workspace();
  for (const name of ['datastore.cfg', 'remote.cfg']) ws.set(`${ROOT}/${name}`, fileKindByName(name)!, example(name));
  return { ws, file: ws.set(`${ROOT}/sync.cfg`, fileKindByName('sync.cfg')!, sync) };
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

test('typing and erasing above sections: their references, definitions, jobs and diagnostics are those of a fresh workspace', () => {
  const { ws } = workspaceWith(example('sync.cfg'));
  let text = example('sync.cfg');
  const kind = fileKindByName('sync.cfg')!;
  for (let step = 0; step < 120; step++) {
    // an edit in the first lines: every section below moves
    const lines = text.split('\n');
    const at = step % 5;
    lines[at] = step % 2 === 0 ? `${lines[at]}x` : lines[at].replace(/x+$/, '');
    if (step % 17 === 0) lines.splice(at, 0, '');
    text = lines.join('\n');
    const file = ws.set(`${ROOT}/sync.cfg`, kind, text);
    const fresh = workspaceWith(text);
    assert.deepEqual(plain(ws.references(file)), plain(fresh.ws.references(fresh.file)), `references, step ${step}`);
    assert.deepEqual(plain(ws.definitions(file)), plain(fresh.ws.definitions(fresh.file)), `definitions, step ${step}`);
    assert.deepEqual(plain(jobsOfFile(file)), plain(jobsOfFile(fresh.file)), `jobs, step ${step}`);
    assert.deepEqual(diagnose(file, ws), diagnose(fresh.file, fresh.ws), `diagnostics, step ${step}`);
  }
});
