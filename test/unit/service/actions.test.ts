// Quick fixes: for each fixable rule, the file as an admin wrote it with the problem marked, the
// fix's title, and the file after applying it — which must no longer have that problem and no new
// error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf } from '../../../service/diagnostics.ts';
import { quickFixesAt, type QuickFix } from '../../../service/actions.ts';
import type { TextEditOffsets } from '../../../service/formatting.ts';
import { Workspace } from '../../../service/workspace.ts';
import { marked } from '../../helpers/marked.ts';
import { openAlone } from '../../helpers/workspace.ts';

function apply(text: string, edits: TextEditOffsets[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function fixesAt(kind: string, src: string): { text: string; fixes: QuickFix[]; ws: Workspace } {
  const m = marked(src);
  const { ws, file } = openAlone(kind, m.text);
  const range = m.ranges[0] ?? { start: m.cursor!, end: m.cursor! };
  return { text: m.text, fixes: quickFixesAt(file, ws, range), ws };
}

function problems(kind: string, text: string) {
  const { ws, file } = openAlone(kind, text);
  return problemsOf(file, ws);
}

/** Applies the fix titled `title` and checks the problem it fixes is gone and no error is new. */
function check(kind: string, src: string, title: string, expected: string, options: { preferred?: boolean } = {}): void {
  const { text, fixes } = fixesAt(kind, src);
  const fix = fixes.find((f) => f.title === title);
  assert.ok(fix, `no fix '${title}'; got ${JSON.stringify(fixes.map((f) => f.title))}`);
  assert.equal(fix.preferred, options.preferred ?? true, `preferred of '${title}'`);
  const after = apply(text, fix.edits);
  assert.equal(after, expected);
  const before = problems(kind, text);
  const now = problems(kind, after);
  assert.ok(!now.some((p) => p.code === fix.problem.code && p.message === fix.problem.message), `the problem is still there: ${fix.problem.message}`);
  const oldErrors = new Set(before.filter((p) => p.severity === 'error').map((p) => p.message));
  const newErrors = now.filter((p) => p.severity === 'error' && !oldErrors.has(p.message));
  assert.deepEqual(newErrors, [], 'the fix introduced an error');
}

test('did you mean: an unknown key becomes the known one', () => {
  check(
    'datastore.cfg',
    'datastore: store1\n\tpath /mnt/store1\n\t<|gc-schedul|> daily\n',
    "Change to 'gc-schedule'",
    'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule daily\n',
  );
});

test('did you mean: an unknown section type', () => {
  check('datastore.cfg', '<|datastor|>: store1\n\tpath /mnt/store1\n', "Change to 'datastore'", 'datastore: store1\n\tpath /mnt/store1\n');
});

test('did you mean: an enum value, also inside a property string', () => {
  check(
    'datastore.cfg',
    'datastore: store1\n\tpath /mnt/store1\n\tnotification-mode <|notification-sytem|>\n',
    "Change to 'notification-system'",
    'datastore: store1\n\tpath /mnt/store1\n\tnotification-mode notification-system\n',
  );
  check(
    'datastore.cfg',
    'datastore: store1\n\tpath /mnt/store1\n\ttuning chunk-order=<|inod|>\n',
    "Change to 'inode'",
    'datastore: store1\n\tpath /mnt/store1\n\ttuning chunk-order=inode\n',
  );
});

test('did you mean: an acl.cfg role', () => {
  check('acl.cfg', 'acl:1:/datastore/store1:admin@pbs:<|DatastoreAdmn|>\n', "Change to 'DatastoreAdmin'", 'acl:1:/datastore/store1:admin@pbs:DatastoreAdmin\n');
});

test('a repeated key: remove the repeated line', () => {
  check(
    'prune.cfg',
    'prune: job1\n\tstore store1\n\tschedule daily\n\t<|schedule|> weekly\n\tkeep-last 3\n',
    "Remove this repeated 'schedule' line (PBS refuses the file)",
    'prune: job1\n\tstore store1\n\tschedule daily\n\tkeep-last 3\n',
  );
});

test('missing required keys are added at the end of the section, with their default where there is one', () => {
  // job2 keeps something: a prune job without keep-* options is a never-runs warning of its own
  const { text, fixes } = fixesAt('prune.cfg', '<|prune|>: job1\n\tkeep-last 3\n\nprune: job2\n\tstore store1\n\tschedule daily\n\tkeep-last 1\n');
  const fix = fixes.find((f) => f.problem.code === 'missing-required');
  assert.ok(fix);
  assert.equal(fix.title, "Add the missing properties 'store', 'schedule'");
  const after = apply(text, fix.edits);
  assert.equal(after, 'prune: job1\n\tkeep-last 3\n\tstore \n\tschedule \n\nprune: job2\n\tstore store1\n\tschedule daily\n\tkeep-last 1\n');
  // what is left is the values to type, on the new lines themselves
  const left = problems('prune.cfg', after);
  assert.ok(!left.some((p) => p.code === 'missing-required'));
  for (const p of left) assert.ok(after.slice(0, p.start).split('\n').length - 1 >= 2 && after.slice(0, p.start).split('\n').length - 1 <= 3, p.message);
});

test('a header right under a section gets the blank line PBS needs', () => {
  check(
    'prune.cfg',
    'prune: job1\n\tstore s\n\tschedule daily\n<|prune: job2|>\n\tstore s\n\tschedule weekly\n',
    'Insert the blank line PBS needs between sections',
    'prune: job1\n\tstore s\n\tschedule daily\n\nprune: job2\n\tstore s\n\tschedule weekly\n',
  );
});

test("a '#' line is deleted, at the top, inside a section, as the last line and in acl.cfg", () => {
  const title = "Delete this '#' line (PBS has no comments in this file)";
  check('prune.cfg', '<|# managed by ansible|>\nprune: job1\n\tstore s\n\tschedule daily\n', title, 'prune: job1\n\tstore s\n\tschedule daily\n');
  check('prune.cfg', 'prune: job1\n<|# nightly|>\n\tstore s\n\tschedule daily\n', title, 'prune: job1\n\tstore s\n\tschedule daily\n');
  check('prune.cfg', 'prune: job1\n\tstore s\n\tschedule daily\n\n<|# end|>', title, 'prune: job1\n\tstore s\n\tschedule daily\n');
  check('acl.cfg', '<|# admins|>\nacl:1:/:root@pam:Admin\n', title, 'acl:1:/:root@pam:Admin\n');
});

test("an indented '#' line can become the comment property", () => {
  check(
    'prune.cfg',
    'prune: job1\n\t<|#|> keep a month\n\tstore s\n\tschedule daily\n',
    "Turn the line into the section's comment property",
    'prune: job1\n\tcomment keep a month\n\tstore s\n\tschedule daily\n',
    { preferred: false },
  );
});

test('a boolean spelled the way PBS does not read it', () => {
  check('datastore.cfg', 'datastore: s1\n\tpath /x\n\tverify-new <|enabled|>\n', "Change to 'true'", 'datastore: s1\n\tpath /x\n\tverify-new true\n');
  check('datastore.cfg', 'datastore: s1\n\tpath /x\n\tverify-new <|N|>\n', "Change to 'false'", 'datastore: s1\n\tpath /x\n\tverify-new false\n');
  // no guess: both offered, neither preferred
  const { fixes } = fixesAt('datastore.cfg', 'datastore: s1\n\tpath /x\n\tverify-new <|maybe|>\n');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.preferred]),
    [
      ["Change to 'true'", false],
      ["Change to 'false'", false],
    ],
  );
});

test('10MB → 10MiB is offered, not preferred (the admin may mean SI)', () => {
  const { fixes } = fixesAt('sync.cfg', 'sync: job1\n\tstore s1\n\tremote-store r\n\trate-in <|10MB|>\n');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.preferred, f.problem.code]),
    [["Change to '10MiB'", false, 'suspicious-value']],
  );
});

test('no fixes where there is no problem, nor for problems without a sure fix; garbage data is ignored', () => {
  assert.deepEqual(fixesAt('prune.cfg', 'prune: job1\n\tstore s\n\t<|schedule daily|>\n').fixes, []);
  assert.deepEqual(fixesAt('prune.cfg', 'prune: job1\n\tstore s\n\tschedule daily\n\tkeep-last <|0|>\n').fixes, []);
  assert.deepEqual(fixesAt('prune.cfg', '<||>').fixes, []);
  assert.deepEqual(fixesAt('token.shadow', '{"a": <|1|>}').fixes, []);
});
