// node.cfg grammar: the leading '#' description block and `key: value` lines, as
// proxmox-simple-config reads them. `<|…|>` marks where a problem must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNodeConfig } from '../../../grammar/node-config.ts';
import type { KeyValueAst } from '../../../grammar/ast.ts';
import { marked } from '../../helpers/marked.ts';
import { MAX_PROBLEMS_PER_FILE } from '../../../grammar/limits.ts';
import { expectProblemsAt as expectProblemsAtOf } from '../../helpers/problems.ts';

function pairs(ast: KeyValueAst): string[] {
  return ast.properties.map((p) => `${p.key.text}=${p.value.text}`);
}

const expectProblemsAt = (src: string): KeyValueAst => expectProblemsAtOf(src, parseNodeConfig);

test('a file as PBS writes it: description lines first, then key: value lines', () => {
  const ast = parseNodeConfig('#Backup server in rack 3\n# second line\nacme: account=default\nacmedomain0: pbs.example.com\n');
  assert.deepEqual(
    ast.description.map((d) => d.text),
    ['Backup server in rack 3', ' second line'],
  );
  assert.deepEqual(pairs(ast), ['acme=account=default', 'acmedomain0=pbs.example.com']);
  assert.deepEqual(ast.problems, []);
  assert.equal(ast.family, 'key-value');
});

test('spans: description text after the #, key before the first colon, value without leading blanks', () => {
  const { text, ranges } = marked('#<|desc|>\n<|email-from|>:   <|root@example.com|>  \n');
  const ast = parseNodeConfig(text);
  const at = (i: number) => ({ start: ranges[i]!.start, end: ranges[i]!.end });
  assert.deepEqual(ast.description, [{ text: 'desc', ...at(0) }]);
  assert.deepEqual(ast.properties[0]!.key, { text: 'email-from', ...at(1) });
  assert.deepEqual(ast.properties[0]!.value, { text: 'root@example.com', ...at(2) });
  assert.deepEqual({ start: ast.properties[0]!.start, end: ast.properties[0]!.end }, { start: 6, end: text.length - 1 });
});

test('the key is not trimmed before the colon (PBS then rejects "acme ")', () => {
  const ast = parseNodeConfig('  acme : account=x\n');
  assert.deepEqual(pairs(ast), ['acme =account=x']);
});

test('the value is split at the first colon only and may be empty', () => {
  const ast = parseNodeConfig('http-proxy: http://proxy:8080\nemail-from:\n');
  assert.deepEqual(pairs(ast), ['http-proxy=http://proxy:8080', 'email-from=']);
});

test("only '#' lines at the very top are the description; later '#' lines and blank lines are comments", () => {
  const ast = parseNodeConfig('#desc\n\n#not desc\n  # indented comment\nacme: account=a\n# trailing\n');
  assert.deepEqual(
    ast.description.map((d) => d.text),
    ['desc'],
  );
  assert.deepEqual(pairs(ast), ['acme=account=a']);
  assert.deepEqual(ast.problems, []);
});

test("an indented '#' line at the top is a comment, not description", () => {
  const ast = parseNodeConfig(' #x\n#y\nacme: account=a\n');
  assert.deepEqual(ast.description, []);
  assert.deepEqual(pairs(ast), ['acme=account=a']);
});

test('a line without colon, and a line with an empty key, are unreadable', () => {
  const ast = expectProblemsAt('  <|acme account=x|>  \n<|:|>value\n');
  assert.match(ast.problems[0]!.message, /missing colon to separate key from value/);
  assert.match(ast.problems[1]!.message, /empty key not allowed/);
  assert.deepEqual(ast.properties, []);
});

test('the empty-key problem sits on the colon', () => {
  const ast = expectProblemsAt('  <|:|> value\n');
  assert.equal(ast.problems.length, 1);
});

test('unknown and repeated keys are kept (the schema layer judges them)', () => {
  const ast = parseNodeConfig('foo: 1\nfoo: 2\n');
  assert.deepEqual(pairs(ast), ['foo=1', 'foo=2']);
});

test('CRLF: the \\r is part of neither description nor value', () => {
  const ast = parseNodeConfig('#d\r\nacme: account=a\r\n');
  assert.equal(ast.description[0]!.text, 'd');
  assert.deepEqual(pairs(ast), ['acme=account=a']);
});

test('a byte order mark at the start is reported, the rest is read as if it were absent', () => {
  const ast = expectProblemsAt('<|\ufeff|>#desc\nacme: account=a\n');
  assert.equal(ast.problems[0]!.message, 'PBS cannot parse a file starting with a byte order mark (BOM); remove it');
  assert.deepEqual(ast.description, [{ text: 'desc', start: 2, end: 6 }]);
  assert.deepEqual(pairs(ast), ['acme=account=a']);
});

// ---------------------------------------------------------------------------------------------

function assertSane(text: string, ast: KeyValueAst): void {
  for (const p of ast.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length);
  for (const p of ast.properties) assert.ok(p.start >= 0 && p.end <= text.length);
}

const hostile: [string, string][] = [
  ['binary bytes', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['NUL bytes', '#\0\n\0: \0\n\0\n'],
  ['50k blank lines', '\n \t\r\n'.repeat(25_000) + 'acme: x'],
  ['only CRs', '\r'.repeat(1000)],
  ['only a BOM', '\ufeff'],
  ['empty', ''],
];

for (const [name, text] of hostile) {
  test(`hostile input does not throw: ${name}`, () => {
    assertSane(text, parseNodeConfig(text));
  });
}

test('a 10 MB single line and 100k lines without colons are read in bounded time', () => {
  const t0 = performance.now();
  assert.equal(parseNodeConfig('description: ' + 'x'.repeat(10_000_000)).properties[0]!.value.text.length, 10_000_000);
  assert.equal(parseNodeConfig('x'.repeat(10_000_000)).problems.length, 1);
  // one problem per line, kept up to the per-file cap and counted after it
  const many = parseNodeConfig('abc\n'.repeat(100_000));
  assert.equal(many.problems.length, MAX_PROBLEMS_PER_FILE);
  assert.equal(many.overflow?.count, 100_000 - MAX_PROBLEMS_PER_FILE);
  assert.ok(performance.now() - t0 < 8000);
});

// ---------------------------------------------------------------------------------------------
// Against a direct restatement of PBS's rules, line by line (PBS would stop at the first bad line).

const RUST_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function pbsRead(input: string): { description: string[]; pairs: string[]; bad: number } {
  const lines = input.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (input.endsWith('\n') || input === '') lines.pop();
  // a '\r' kept at the very end (not followed by '\n') stays
  if (!input.endsWith('\n') && input.endsWith('\r')) lines[lines.length - 1] += '\r';
  const description: string[] = [];
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('#')) description.push(lines[i++]!.slice(1));
  const pairs: string[] = [];
  let bad = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!.replace(RUST_WS, '');
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      bad++;
      continue;
    }
    pairs.push(`${line.slice(0, colon)}=${line.slice(colon + 1).replace(RUST_WS, '')}`);
  }
  return { description, pairs, bad };
}

test('random node.cfg texts read like PBS reads them', () => {
  const pieces = ['#', 'acme', ':', ' ', '\t', '\n', '\r\n', '\r', 'x', '\u00a0', '\ufeff'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const ast = parseNodeConfig(text);
      assertSane(text, ast);
      if (text.startsWith('\ufeff')) return; // reported, then read without it
      const expected = pbsRead(text);
      assert.deepEqual(ast.description.map((d) => d.text), expected.description, JSON.stringify(text));
      assert.deepEqual(pairs(ast), expected.pairs, JSON.stringify(text));
      assert.equal(ast.problems.length, expected.bad, JSON.stringify(text));
    }),
    { numRuns: 1000 },
  );
});
