// Schema drift: our schema/kinds/*.json against the dump of PBS's own schemas
// (schema/reference/pbs-api-types.json, see schema/reference/README.md). The comparison is
// scripts/schema-check.ts (`npm run schema:check`); this test needs no Rust, only the committed dump.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_DEVIATIONS, FORMAT_MAP, compare, isKnown, loadDump, loadKinds, type Json } from '../../../scripts/schema-check.ts';

type Obj = { [key: string]: Json };

const dump = loadDump();
const kinds = loadKinds();

test('the dump names its sources and covers the section-config kinds', () => {
  const sources = dump.sources as Obj;
  assert.match(String(sources['proxmox-rs']), /^[0-9a-f]{40}$/, 'the proxmox-rs commit the dump came from');
  assert.equal(typeof sources['pbs-api-types'], 'string', 'the pbs-api-types version');
  const dumped = Object.keys(dump.kinds as Obj);
  const sectionKinds = Object.entries(kinds)
    .filter(([, k]) => k['x-pbs-family'] === 'section-config')
    .map(([name]) => name);
  const notCovered = Object.keys(dump.notCovered as Obj);
  for (const kind of sectionKinds) {
    assert.ok(dumped.includes(kind) || notCovered.includes(kind), `${kind} is dumped or listed in notCovered`);
  }
});

test('our kinds state every fact PBS enforces, except the documented deviations', () => {
  const unexpected = compare(dump, kinds).filter((d) => !isKnown(d));
  assert.deepEqual(unexpected, []);
});

test('every documented deviation still exists (no stale allow-list entries)', () => {
  const diffs = compare(dump, kinds);
  const stale = KNOWN_DEVIATIONS.filter((k) => !diffs.some((d) => d.path === k.path && d.what === k.what));
  assert.deepEqual(stale, []);
  for (const k of KNOWN_DEVIATIONS) assert.ok(k.reason.length > 20, `${k.path} ${k.what} says why`);
});

test('every format our kinds use is mapped to a PBS format the dump knows', () => {
  const formats = dump.formats as Obj;
  for (const [ours, names] of Object.entries(FORMAT_MAP)) {
    for (const name of names) assert.ok(name in formats, `${ours} -> ${name} is in the dump's formats`);
  }
});

test('the comparison notices a changed bound, a lost property, a changed enum and a wrong requirement', () => {
  const changed = structuredClone(kinds);
  const sections = changed['datastore.cfg']['x-pbs-sections'] as Obj;
  const ds = sections.datastore as Obj;
  const props = ds.properties as Obj;
  (props['keep-last'] as Obj).minimum = 2;
  delete props['verify-new'];
  (((props.tuning as Obj).properties as Obj)['gc-atime-cutoff'] as Obj).maximum = 100;
  (props['notification-mode'] as Obj).enum = ['legacy-sendmail'];
  props['made-up'] = { type: 'string', description: 'not in PBS' };
  ds.required = [];
  const found = compare(dump, changed)
    .filter((d) => !isKnown(d))
    .map((d) => `${d.path} ${d.what}`);
  assert.deepEqual(found.sort(), [
    'datastore.cfg datastore/keep-last minimum',
    'datastore.cfg datastore/made-up extra-property',
    'datastore.cfg datastore/notification-mode enum',
    'datastore.cfg datastore/path required',
    'datastore.cfg datastore/tuning.gc-atime-cutoff maximum',
    'datastore.cfg datastore/verify-new missing-property',
  ]);
});
