// Hover, as an admin sees it: the cursor `<|>` written into the file, the expected text inline.
// Times are computed from a fixed moment in a fixed zone, so the results do not depend on TZ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindByName } from '../../../schema/file-kinds.ts';
import { hoverAt, type HoverResult } from '../../../service/hover.ts';
import { Workspace } from '../../../service/workspace.ts';
import { marked } from '../../helpers/marked.ts';
import { openAs, pbsTree, openAlone } from '../../helpers/workspace.ts';

const NOW = new Date('2025-03-01T00:00:00Z');
const ZONE = 'Europe/Vienna';

const DATASTORES = 'datastore: store1\n\tpath /mnt/datastore/store1\n\tcomment main store\n\tgc-schedule daily\n';
const USERS = 'user: admin@pbs\n\texpire 0\n\nuser: backup@pbs\n\tenable true\n\ntoken: backup@pbs!ci\n\tcomment CI\n';

/** Hovers at the cursor of `src` (a file of `kind` in a root beside the other files given). */
function hover(kind: string, src: string, others: Record<string, string> = {}, markdown = true): (HoverResult & { range?: { start: number; end: number } }) | undefined {
  const m = marked(src);
  const ws = pbsTree(others);
  const file = openAs(kind, m.text, ws);
  const h = hoverAt(file, ws, m.cursor!, { markdown, now: NOW, timeZone: ZONE });
  if (h && m.ranges[0]) assert.deepEqual({ start: h.start, end: h.end }, m.ranges[0], 'hovered span');
  return h;
}

test('a size shows its bytes, and the IEC and SI forms PBS prints; a rate is per second', () => {
  const h = hover('sync.cfg', 'sync: job1\n\tstore store1\n\trate-in <|10<|>MiB|>\n');
  assert.equal(
    h?.contents,
    '`10MiB` — rate-in\n\n**10485760 bytes/s** (`10 MiB/s`)\n\n**IEC:** 10 MiB/s  \n**SI:** 10.486 MB/s',
  );
});

test('an SI size is powers of 1000 (burst is bytes, not per second)', () => {
  const h = hover('traffic-control.cfg', 'rule: r1\n\tnetwork 0.0.0.0/0\n\tburst-in <|10<|>MB|>\n');
  assert.equal(h?.contents, '`10MB` — burst-in\n\n**10000000 bytes** (`10 MB`)\n\n**IEC:** 9.537 MiB  \n**SI:** 10 MB');
});

test('a byte count integer (x-pbs-unit bytes) is shown in PBS form', () => {
  const h = hover('tape.cfg', 'virtual: vt1\n\tpath /tmp/vt\n\tmax-size <|1<|>073741824|>\n');
  assert.match(h!.contents, /\*\*1073741824 bytes\*\*\n\n\*\*IEC:\*\* 1 GiB {2}\n\*\*SI:\*\* 1\.074 GB/);
});

test('a schedule is described in words with its next 5 runs, local and UTC', () => {
  const h = hover('datastore.cfg', 'datastore: store1\n\tpath /x\n\tgc-schedule <|mon..fri <|>02:00|>\n');
  assert.equal(
    h?.contents,
    [
      '`mon..fri 02:00` — gc-schedule',
      'Runs Monday to Friday at 02:00.',
      'Next 5 runs (Europe/Vienna · UTC):',
      [
        '- Mon 2025-03-03 02:00 +01:00 · Mon 2025-03-03 01:00 UTC',
        '- Tue 2025-03-04 02:00 +01:00 · Tue 2025-03-04 01:00 UTC',
        '- Wed 2025-03-05 02:00 +01:00 · Wed 2025-03-05 01:00 UTC',
        '- Thu 2025-03-06 02:00 +01:00 · Thu 2025-03-06 01:00 UTC',
        '- Fri 2025-03-07 02:00 +01:00 · Fri 2025-03-07 01:00 UTC',
      ].join('\n'),
    ].join('\n\n'),
  );
});

test('a schedule across the DST change keeps its wall clock; UTC moves', () => {
  const h = hover('prune.cfg', 'prune: p1\n\tstore store1\n\tschedule <|2025-03-30 0<|>3:30|>\n');
  assert.match(h!.contents, /- Sun 2025-03-30 03:30 \+02:00 · Sun 2025-03-30 01:30 UTC/);
});

test('a schedule that can never fire says it never runs', () => {
  const h = hover('sync.cfg', 'sync: job1\n\tstore store1\n\tschedule <|2000-01<|>-01|>\n');
  assert.match(h!.contents, /never runs/);
  assert.doesNotMatch(h!.contents, /Next/);
});

test('a broken schedule says what is wrong, not next runs', () => {
  const h = hover('sync.cfg', 'sync: job1\n\tstore store1\n\tschedule <|dai<|>lyx|>\n');
  assert.match(h!.contents, /^`dailyx` — schedule\n\nNot a calendar event: /);
});

test('an epoch (expire) is shown in the local zone and UTC; 0 means never', () => {
  const h = hover('user.cfg', 'user: a@pbs\n\texpire <|17672<|>25600|>\n');
  assert.equal(h?.contents, '`1767225600` — expire\n\n**Local:** 2026-01-01T01:00:00+01:00  \n**UTC:** 2026-01-01T00:00:00Z\n\nExpires in 10M 1d 14h 24m.');
  assert.match(hover('user.cfg', 'user: a@pbs\n\texpire <|<|>0|>\n')!.contents, /0 = never expires/);
});

test('a day count (x-pbs-unit days) is shown as a time span', () => {
  const h = hover('verification.cfg', 'verification: v1\n\tstore store1\n\toutdated-after <|3<|>0|>\n');
  assert.equal(h?.contents, '`30` — outdated-after\n\n30 days = `4w 2d`');
});

test('a media pool retention time span is shown normalized', () => {
  const h = hover('media-pool.cfg', 'pool: p1\n\tretention <|30 d<|>ays|>\n');
  assert.equal(h?.contents, '`30 days` — retention\n\nTime span: `4w 2d` (2592000 seconds)');
});

test('a key shows description, type, bounds, default, unit and the release that introduced it', () => {
  const h = hover('datastore.cfg', 'datastore: s1\n\tpath /x\n\ttuning <|gc-atime-<|>cutoff|>=1445\n');
  assert.equal(
    h?.contents,
    '`tuning: gc-atime-cutoff` — integer, 1 to 2880\n\n' +
      'Garbage collection removes chunks whose access time is older than this many minutes before the GC start. 1 to 2880; absent = 1445 (24 h 5 min).\n\n' +
      '**Default:** `1445`  \n**Unit:** minutes  \n**Since:** PBS 3.3.7',
  );
});

test('a deprecated key says so first', () => {
  const h = hover('datastore.cfg', 'datastore: s1\n\tpath /x\n\t<|keep-<|>last|> 3\n');
  assert.match(h!.contents, /^`keep-last` — integer, ≥ 1\n\n\*\*Deprecated:\*\* Replaced by the same option in a prune job/);
});

test('a key PBS does not know is called unknown', () => {
  const h = hover('datastore.cfg', 'datastore: s1\n\tpath /x\n\t<|fo<|>o|> 3\n');
  assert.equal(h?.contents, '`foo` — unknown key\n\nNot a property of a `datastore` section in datastore.cfg.');
});

test('an enum value in a property string says what it means', () => {
  const h = hover('datastore.cfg', 'datastore: s1\n\tpath /x\n\ttuning chunk-order=<|no<|>ne|>\n');
  assert.equal(h?.contents, '`none` — tuning.chunk-order\n\n`none`: index order');
});

test('a boolean in any of PBS spellings', () => {
  const h = hover('sync.cfg', 'sync: j\n\tstore s1\n\tremove-vanished <|y<|>es|>\n');
  assert.equal(h?.contents, '`yes` — remove-vanished\n\nBoolean: `true`.\n\n**Default:** `false`');
});

test('a reference shows the target section, its file and key properties', () => {
  const h = hover('sync.cfg', 'sync: job1\n\tstore <|sto<|>re1|>\n', { 'datastore.cfg': DATASTORES });
  assert.equal(
    h?.contents,
    '`store1` — store: datastore in datastore.cfg\n\n**datastore store1** — datastore.cfg:1\n\n' +
      '- `path /mnt/datastore/store1`\n- `comment main store`\n- `gc-schedule daily`',
  );
});

test('a missing reference says not found; a builtin says built in', () => {
  assert.match(hover('sync.cfg', 'sync: job1\n\tstore <|sto<|>re9|>\n', { 'datastore.cfg': DATASTORES })!.contents, /\*\*Not found:\*\* no datastore `store9` in datastore.cfg\./);
  assert.match(hover('sync.cfg', 'sync: job1\n\tstore s1\n\towner <|root@<|>pam|>\n', { 'user.cfg': USERS })!.contents, /`root@pam` is built in/);
});

test('plain text when the client has no markdown', () => {
  const h = hover('sync.cfg', 'sync: job1\n\tstore <|sto<|>re1|>\n', { 'datastore.cfg': DATASTORES }, false);
  assert.equal(h?.contents, 'store1 — store: datastore in datastore.cfg\n\ndatastore store1 — datastore.cfg:1\n\n- path /mnt/datastore/store1\n- comment main store\n- gc-schedule daily');
});

test('a section type shows its description; an id its definition', () => {
  assert.match(hover('datastore.cfg', '<|data<|>store|>: s1\n\tpath /x\n')!.contents, /^`datastore:` — section type\n\nA datastore: /);
  assert.equal(
    hover('datastore.cfg', 'datastore: <|s<|>1|>\n\tpath /x\n')?.contents,
    '`s1` — datastore id\n\nDatastore name, used in repository strings and ACL paths.\n\n**Defined at:** datastore.cfg:1\n\n- `path /x`',
  );
});

test('acl.cfg: a role shows its description and privileges', () => {
  const h = hover('acl.cfg', 'acl:1:/datastore/store1:admin@pbs:<|DatastoreRe<|>ader|>\n');
  assert.equal(h?.contents, '`DatastoreReader` — role\n\nInspect and restore any content, verify.\n\n**Privileges:** `Datastore.Audit`, `Datastore.Verify`, `Datastore.Read`');
});

test('acl.cfg: a user and a path resolve to their definitions', () => {
  const others = { 'user.cfg': USERS, 'datastore.cfg': DATASTORES };
  assert.match(hover('acl.cfg', 'acl:1:/datastore/store1:<|backup@pbs!<|>ci|>:Audit\n', others)!.contents, /^`backup@pbs!ci` — API token\n\n\*\*token backup@pbs!ci\*\* — user.cfg:7/);
  assert.match(hover('acl.cfg', 'acl:1:<|/datastore/sto<|>re1|>:admin@pbs:Audit\n', others)!.contents, /^`\/datastore\/store1` — ACL path\n\n\/datastore\/\{store\}\/\{namespace…\}: A datastore.*\n\n\*\*datastore store1\*\* — datastore.cfg:1/);
});

test('node.cfg keys and values', () => {
  assert.match(hover('node.cfg', '<|task-log-<|>max-days|>: 30\n')!.contents, /^`task-log-max-days` — integer/);
});

test('nothing to say: blank lines, comments, out-of-range offsets', () => {
  assert.equal(hover('datastore.cfg', 'datastore: s1\n\tpath /x\n\n<|>\n'), undefined);
  const ws = new Workspace();
  const f = ws.set('/r/datastore.cfg', fileKindByName('datastore.cfg')!, 'datastore: s1\n');
  for (const o of [-1, 1e9, NaN, Infinity]) assert.equal(hoverAt(f, ws, o, { markdown: true }), undefined);
});

test('random offsets over hostile text never throw', () => {
  const texts = [
    '',
    '\u0000\u0001\uFFFD binary \u0007\n\tkey',
    '\uFEFFdatastore: store1\r\n\tpath /x\r\n\tgc-schedule *:0/0\r\n',
    'datastore: s1\n\tmaintenance-mode type="unterminated\n\ttuning "a\\q",,=,=x\n\tgc-schedule \n',
    'sync: \r\r\r\n\t\t\t \n:\n\trate-in 1e400PiB\n\tschedule mon..sun..tue 99:99\n',
    'acl:1:/:::\nacl::/datastore/:@:\nacl:1:/remote/r/s/a/b/c/d/e/f/g/h:x!y@z:Admin,,\n',
    'user: a@pbs\n\texpire 99999999999999999999\n\nuser: b@pbs\n\texpire -5\n',
  ];
  const kinds = ['datastore.cfg', 'sync.cfg', 'acl.cfg', 'user.cfg', 'node.cfg', 'tfa.json'];
  const ws = new Workspace();
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const kind of kinds) {
    for (const text of texts) {
      const f = ws.set(`/r/${kind}`, fileKindByName(kind)!, text);
      for (let i = 0; i <= text.length + 1; i++) hoverAt(f, ws, i, { markdown: true, now: NOW, timeZone: ZONE });
      for (let i = 0; i < 50; i++) hoverAt(f, ws, Math.floor(rnd() * (text.length + 10)) - 5, { markdown: rnd() < 0.5 });
    }
  }
});

test('a property-string member naming a whole file (acme account) says what it refers to (found by fuzzing)', () => {
  const h = hover('node.cfg', 'acme: <|acc<|>ount|>=default\n');
  assert.match(h!.contents, /\*\*Refers to:\*\* an object in acme\/accounts/);
});

test('an expire past any calendar date (PBS keeps i64) says so instead of a date', () => {
  const h = hover('user.cfg', 'user: a@pbs\n\texpire <|92233720368547<|>75807|>\n');
  assert.match(h!.contents, /beyond any calendar date \(past the year 275760\): in effect this never expires/);
});

test('on a machine in UTC the next runs are listed once, in UTC', () => {
  const m = marked('datastore: store1\n\tpath /x\n\tgc-schedule <|sat 03<|>:00|>\n');
  const { ws, file } = openAlone('datastore.cfg', m.text);
  const h = hoverAt(file, ws, m.cursor!, { markdown: true, now: new Date('2026-11-23T12:00:00Z'), timeZone: 'UTC' });
  assert.match(h!.contents, /Next 5 runs \(UTC\):\n\n- Sat 2026-11-28 03:00 UTC\n- Sat 2026-12-05 03:00 UTC\n/);
});
