// acl.cfg grammar: `acl:<propagate>:<path>:<ugids>:<roles>` lines as pbs-config's AclTree reads
// them. `<|…|>` marks where a problem must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAcl } from '../../../grammar/acl.ts';
import type { AclAst } from '../../../grammar/ast.ts';
import { marked } from '../../helpers/marked.ts';
import { MAX_PROBLEMS_PER_FILE } from '../../../grammar/limits.ts';
import { expectProblemsAt as expectProblemsAtOf } from '../../helpers/problems.ts';

/** Each entry as `propagate|path|ugid,ugid|role,role`. */
function shape(ast: AclAst): string[] {
  return ast.entries.map(
    (e) => `${e.propagate.text}|${e.path.text}|${e.ugids.map((u) => u.text).join(',')}|${e.roles.map((r) => r.text).join(',')}`,
  );
}

const expectProblemsAt = (src: string): AclAst => expectProblemsAtOf(src, parseAcl);

test('a file as PBS writes it', () => {
  const ast = parseAcl(
    'acl:1:/:@admins,root@pam!automation:Admin\nacl:0:/datastore/store1:backup@pbs:DatastoreBackup,DatastoreReader\n',
  );
  assert.deepEqual(shape(ast), [
    '1|/|@admins,root@pam!automation|Admin',
    '0|/datastore/store1|backup@pbs|DatastoreBackup,DatastoreReader',
  ]);
  assert.deepEqual(ast.problems, []);
  assert.equal(ast.family, 'acl');
});

test('spans point at each field; list items are trimmed and point at the trimmed text', () => {
  const { text, ranges } = marked('  acl:<|1|>:<|/remote/r1|>:<|a@pbs|>,  <|@g|> :<|Audit|> , <|RemoteAudit|>  \n');
  const [e] = parseAcl(text).entries;
  const at = (i: number) => ({ start: ranges[i]!.start, end: ranges[i]!.end });
  assert.deepEqual(e!.propagate, { text: '1', ...at(0) });
  assert.deepEqual(e!.path, { text: '/remote/r1', ...at(1) });
  assert.deepEqual(e!.ugids, [
    { text: 'a@pbs', ...at(2) },
    { text: '@g', ...at(3) },
  ]);
  assert.deepEqual(e!.roles, [
    { text: 'Audit', ...at(4) },
    { text: 'RemoteAudit', ...at(5) },
  ]);
  // the entry covers the trimmed line
  assert.deepEqual({ start: e!.start, end: e!.end }, { start: 2, end: text.indexOf('RemoteAudit') + 11 });
});

test('empty lines and white-space lines are skipped; lines are trimmed first', () => {
  const ast = parseAcl('\n   \n\tacl:1:/:a@pbs:Admin\t\r\n\n');
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin']);
  assert.deepEqual(ast.problems, []);
});

test('empty list items are kept as empty spans (the schema layer rejects them)', () => {
  const { text, ranges } = marked('acl:1:/:<||>:Admin,<||>\n');
  const [e] = parseAcl(text).entries;
  assert.deepEqual(e!.ugids, [{ text: '', start: ranges[0]!.start, end: ranges[0]!.end }]);
  assert.deepEqual(e!.roles[1], { text: '', start: ranges[1]!.start, end: ranges[1]!.end });
});

test('paths are taken verbatim, commas included; role names and user ids are not checked here', () => {
  const ast = parseAcl('acl:1://datastore//x/,y:not a user:NoSuchRole\n');
  assert.deepEqual(shape(ast), ['1|//datastore//x/,y|not a user|NoSuchRole']);
  assert.deepEqual(ast.problems, []);
});

test('a line must have exactly five fields', () => {
  const ast = expectProblemsAt('<|acl:1:/datastore|>\n<|acl:1:/:a@pbs:Admin:extra|>\n<|acl:1:/:user@pbs:8007:Admin|>\nacl:1:/:a@pbs:Admin\n');
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin']);
  assert.match(ast.problems[0]!.message, /this line has 3/);
  assert.match(ast.problems[1]!.message, /this line has 6/);
  assert.match(ast.problems[2]!.message, /wrong number of items/);
});

test("the first field must be exactly 'acl'", () => {
  const ast = expectProblemsAt('<|ACL|>:1:/:a@pbs:Admin\n<|acl |>:1:/:a@pbs:Admin\n');
  assert.match(ast.problems[0]!.message, /instead of 'acl'/);
  // the rule itself is still read, so its users and roles can be checked
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin', '1|/|a@pbs|Admin']);
});

test("the propagate flag must be exactly '0' or '1'", () => {
  const ast = expectProblemsAt('acl:<|true|>:/:a@pbs:Admin\nacl:<| 1|>:/:a@pbs:Admin\nacl:<||>:/:a@pbs:Admin\n');
  assert.match(ast.problems[0]!.message, /'0' or '1', not 'true'/);
  assert.equal(ast.entries.length, 3);
});

test("'#' lines are not comments", () => {
  const ast = expectProblemsAt('<|# backup users|>\n  <|#acl:1:/:a@pbs:Admin|>\nacl:1:/:a@pbs:Admin\n');
  assert.match(ast.problems[0]!.message, /no comment syntax/);
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin']);
});

test('a byte order mark at the start is reported, the first rule is still read', () => {
  const ast = expectProblemsAt('<|\ufeff|>acl:1:/:a@pbs:Admin\n');
  assert.equal(ast.problems[0]!.message, 'PBS cannot parse a file starting with a byte order mark (BOM); remove it');
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin']);
});

test('CRLF and a lone CR', () => {
  const ast = parseAcl('acl:1:/:a@pbs:Admin\r\nacl:0:/:b@pbs:Audit\racl:1:/x:c@pbs:Audit\r\n');
  // the lone \r is white space inside one long line, which then has 9 fields
  assert.deepEqual(shape(ast), ['1|/|a@pbs|Admin']);
  assert.equal(ast.problems.length, 1);
});

// ---------------------------------------------------------------------------------------------

function assertSane(text: string, ast: AclAst): void {
  for (const p of ast.problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length);
  }
  for (const e of ast.entries) assert.ok(e.start >= 0 && e.end <= text.length);
}

const hostile: [string, string][] = [
  ['binary bytes', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['NUL bytes', 'acl:1:/\0:a\0:\0\n\0\n'],
  ['50k blank lines', '\n'.repeat(50_000) + 'acl:1:/:a@pbs:Admin'],
  ['only colons', ':'.repeat(100_000)],
  ['only commas', 'acl:1:/:' + ','.repeat(100_000) + ':' + ','.repeat(100_000)],
  ['only CRs', '\r'.repeat(1000)],
  ['empty', ''],
];

for (const [name, text] of hostile) {
  test(`hostile input does not throw: ${name}`, () => {
    assertSane(text, parseAcl(text));
  });
}

test('a 10 MB single line and 200k lines without colons are read in bounded time', () => {
  const t0 = performance.now();
  const long = 'acl:1:/:' + 'u'.repeat(10_000_000) + ':Admin';
  assert.equal(parseAcl(long).entries[0]!.ugids[0]!.text.length, 10_000_000);
  const noColons = 'x,y\n'.repeat(200_000) + 'acl:1:/:a:b';
  const ast = parseAcl(noColons);
  // one problem per line, kept up to the per-file cap and counted after it
  assert.equal(ast.problems.length, MAX_PROBLEMS_PER_FILE);
  assert.equal(ast.overflow?.count, 200_000 - MAX_PROBLEMS_PER_FILE);
  assert.equal(ast.entries.length, 1);
  assert.ok(performance.now() - t0 < 8000);
});

// ---------------------------------------------------------------------------------------------
// Against a direct restatement of PBS's rules, line by line (PBS would stop at the first bad line).

const RUST_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function pbsRead(input: string): { rules: string[]; badLines: number } {
  const rules: string[] = [];
  let badLines = 0;
  for (const raw of input.split('\n')) {
    const line = raw.replace(RUST_WS, '');
    if (line === '') continue;
    const items = line.split(':');
    const ok = items.length === 5 && items[0] === 'acl' && (items[1] === '0' || items[1] === '1');
    if (!ok) badLines++;
    // a '#' line is its own problem (`hash-line`, with a quick fix that deletes it), never a rule
    if (items.length === 5 && !line.startsWith('#')) {
      const list = (f: string) => f.split(',').map((v) => v.replace(RUST_WS, '')).join(',');
      rules.push(`${items[1]}|${items[2]}|${list(items[3]!)}|${list(items[4]!)}`);
    }
  }
  return { rules, badLines };
}

test('random acl.cfg texts read like PBS reads them', () => {
  const pieces = ['acl', ':', '1', '0', '/', ',', ' ', '\t', '\n', '\r\n', '#', 'u@pbs', 'Admin', '\u00a0'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const ast = parseAcl(text);
      assertSane(text, ast);
      const expected = pbsRead(text);
      assert.deepEqual(shape(ast), expected.rules, JSON.stringify(text));
      // one problem per bad line, except that 'ACL:2:…' has two (first field and propagate flag)
      const badLines = new Set(ast.problems.map((p) => text.lastIndexOf('\n', p.start - 1)));
      assert.equal(badLines.size, expected.badLines, JSON.stringify(text));
    }),
    { numRuns: 1000 },
  );
});
