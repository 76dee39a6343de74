// pbs.fileAssociations globs come from settings a cloned repository can carry: matching them is
// bounded. Extglobs and too many stars in a segment are refused (and said why), long globs and
// paths longer than a file system allows are not matched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { associationProblems, fileKindWithAssociations } from '../../../server/file-associations.ts';

// Hang guards, not speed tests (speed is bench/'s): a glob that backtracks exponentially on these
// names would take minutes; a bounded match takes well under a millisecond. The bounds sit far from
// both, so that a loaded machine never fails them and a regression always does.
const HANG_BOUND_MS = 1500;

test('an extglob that backtracks exponentially is refused, not run', () => {
  const assoc = { '+(a*)c': 'datastore.cfg', '*.cfg.j2': 'datastore.cfg' };
  const started = performance.now();
  assert.equal(fileKindWithAssociations(`/srv/${'a'.repeat(200)}`, assoc), undefined);
  assert.equal(fileKindWithAssociations('/srv/templates/datastore.cfg.j2', assoc)?.name, 'datastore.cfg');
  assert.ok(performance.now() - started < HANG_BOUND_MS, `${Math.round(performance.now() - started)} ms`);
  assert.deepEqual(associationProblems(assoc), ['the glob "+(a*)c" is ignored: extglobs such as +(…), *(…), @(…) are not supported (they can make matching take forever); use *, ?, ** and {a,b}']);
});

test('more than three stars in a path segment, an overlong glob, too many globs: refused with the reason', () => {
  const assoc: Record<string, string> = { '**/*a*a*a*b': 'sync.cfg', [`${'x'.repeat(300)}*`]: 'sync.cfg' };
  for (let i = 0; i < 120; i++) assoc[`*.t${i}`] = 'sync.cfg';
  const started = performance.now();
  assert.equal(fileKindWithAssociations(`/srv/${'a'.repeat(250)}`, assoc), undefined);
  assert.equal(fileKindWithAssociations(`untitled:${'a'.repeat(100_000)}`, assoc), undefined);
  assert.ok(performance.now() - started < HANG_BOUND_MS, `${Math.round(performance.now() - started)} ms`);
  const problems = associationProblems(assoc);
  assert.ok(problems.includes('only the first 100 of 122 globs are used'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith(`the glob "**/*a*a*a*b" is ignored: '*a*a*a*b' has 4 '*'`)), problems.join('\n'));
  assert.ok(problems.some((p) => /is ignored: it is 301 characters long, more than 256/.test(p)), problems.join('\n'));
  assert.equal(fileKindWithAssociations('/srv/x.t5', assoc)?.name, 'sync.cfg');
});

test('three stars on the longest name a file system allows stay quick', () => {
  const assoc = { '*a*a*b': 'sync.cfg' };
  const started = performance.now();
  for (let i = 0; i < 3; i++) assert.equal(fileKindWithAssociations(`/srv/${'a'.repeat(254)}${i}`, assoc), undefined);
  assert.ok(performance.now() - started < HANG_BOUND_MS, `${Math.round(performance.now() - started)} ms`);
});
