// Property strings (`key=value,key="quoted"`) as proxmox-schema splits them. `<|…|>` marks where
// a span or a problem must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePropertyString } from '../../../grammar/property-string.ts';
import type { PropertyStringAst } from '../../../grammar/ast.ts';
import { marked } from '../../helpers/marked.ts';
import { expectProblemsAt as expectProblemsAtOf } from '../../helpers/problems.ts';

/** Entries as `key=value` (`=value` without key), values unescaped. */
function pairs(ast: PropertyStringAst): string[] {
  return ast.entries.map((e) => `${e.key ? e.key.text : ''}=${e.value.text}`);
}

const expectProblemsAt = (src: string): PropertyStringAst => expectProblemsAtOf(src, parsePropertyString);

test('key=value pairs separated by commas', () => {
  const ast = parsePropertyString('chunk-order=inode,sync-level=filesystem');
  assert.deepEqual(pairs(ast), ['chunk-order=inode', 'sync-level=filesystem']);
  assert.deepEqual(ast.problems, []);
});

test('spans: key, value and entry ranges', () => {
  const { text, ranges } = marked('<|gc|>=<|error|>,<|verify|>=<|always|>');
  const ast = parsePropertyString(text);
  const at = (i: number) => ({ start: ranges[i]!.start, end: ranges[i]!.end });
  assert.deepEqual(ast.entries[0], { key: { text: 'gc', ...at(0) }, value: { text: 'error', ...at(1) }, start: 0, end: 8 });
  assert.deepEqual(ast.entries[1], { key: { text: 'verify', ...at(2) }, value: { text: 'always', ...at(3) }, start: 9, end: 22 });
});

test('nothing is trimmed: a blank after a comma belongs to the next key', () => {
  assert.deepEqual(pairs(parsePropertyString('a=1, b=2 ')), ['a=1', ' b=2 ']);
});

test('an entry without key (for the default key); a key only when "=" comes before ","', () => {
  const ast = parsePropertyString('offline,message=x');
  assert.deepEqual(ast.entries[0], { value: { text: 'offline', start: 0, end: 7 }, start: 0, end: 7 });
  assert.deepEqual(pairs(ast), ['=offline', 'message=x']);
});

test('unquoted values run to the next comma and may hold "=" and \'"\'', () => {
  assert.deepEqual(pairs(parsePropertyString('a=b=c,x=say "hi"')), ['a=b=c', 'x=say "hi"']);
});

test('a key may be empty or hold a quote that is not at the start', () => {
  assert.deepEqual(pairs(parsePropertyString('=x,a"b=c')), ['=x', 'a"b=c']);
});

test('quoted values: commas and "=" inside, escapes \\" \\\\ \\n, range covers the quotes', () => {
  const text = 'sec="with = in it, and more",\\n="a\\"b\\\\c\\nd"';
  const ast = parsePropertyString(text);
  assert.deepEqual(pairs(ast), ['sec=with = in it, and more', '\\n=a"b\\c\nd']);
  assert.deepEqual(ast.entries[0]!.value, { text: 'with = in it, and more', start: 4, end: 28 });
  assert.deepEqual(ast.problems, []);
});

test('a quoted value without key', () => {
  const ast = parsePropertyString('"value w/o key",fst=v1');
  assert.deepEqual(ast.entries[0], { value: { text: 'value w/o key', start: 0, end: 15 }, start: 0, end: 15 });
  assert.deepEqual(pairs(ast), ['=value w/o key', 'fst=v1']);
});

test('an empty quoted value is an entry', () => {
  assert.deepEqual(pairs(parsePropertyString('a="",""')), ['a=', '=']);
});

test('an empty entry between commas is a key-less empty value; a trailing comma adds nothing', () => {
  const ast = parsePropertyString('a=1,,b=2,');
  assert.deepEqual(pairs(ast), ['a=1', '=', 'b=2']);
  assert.deepEqual(ast.entries[1], { value: { text: '', start: 4, end: 4 }, start: 4, end: 4 });
  assert.deepEqual(pairs(parsePropertyString(',')), ['=']);
  assert.deepEqual(pairs(parsePropertyString('a,,')), ['=a', '=']);
  assert.deepEqual(pairs(parsePropertyString('')), []);
});

test('a key with an empty value', () => {
  const ast = parsePropertyString('a=,b=');
  assert.deepEqual(pairs(ast), ['a=', 'b=']);
  assert.deepEqual(ast.entries[1]!.value, { text: '', start: 5, end: 5 });
});

test('a missing closing quote: unexpected end of string', () => {
  const ast = expectProblemsAt('a=1,key=<|"open \\\\ value|>');
  assert.match(ast.problems[0]!.message, /unexpected end of string/);
  assert.deepEqual(pairs(ast), ['a=1', 'key=open \\ value']);
});

test('an escaped quote at the end does not close the string', () => {
  const ast = expectProblemsAt('key=<|"open \\"|>');
  assert.match(ast.problems[0]!.message, /unexpected end of string/);
});

test('unsupported escape sequences are reported each, the value is read on', () => {
  const ast = expectProblemsAt('k="a<|\\q|>b<|\\t|>",x=1');
  assert.match(ast.problems[0]!.message, /unsupported escape sequence/);
  assert.deepEqual(pairs(ast), ['k=a\\qb\\t', 'x=1']);
});

test('garbage after a quoted string is reported up to the next comma', () => {
  const ast = expectProblemsAt('"x"<|y z|>,name="a"<|=b|>,c=1');
  assert.match(ast.problems[0]!.message, /garbage after quoted string/);
  assert.deepEqual(pairs(ast), ['=x', 'name=a', 'c=1']);
  // the entry ends with its value; the garbage is not part of it
  assert.equal(ast.entries[1]!.end, 15);
});

test('baseOffset shifts every offset', () => {
  const ast = parsePropertyString('a="x,k=1', 40);
  assert.deepEqual(ast.entries[0]!.key, { text: 'a', start: 40, end: 41 });
  assert.deepEqual(ast.problems.map((p) => [p.start, p.end]), [[42, 48]]);
});

// ---------------------------------------------------------------------------------------------

function assertSane(text: string, ast: PropertyStringAst): void {
  for (const p of ast.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length);
  for (const e of ast.entries) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
}

const hostile: [string, string][] = [
  ['binary bytes', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['NUL bytes', 'a=\0,\0=\0,"\0"'],
  ['only quotes', '"'.repeat(10_001)],
  ['only backslashes in quotes', '"' + '\\'.repeat(10_001)],
  ['only commas', ','.repeat(50_000)],
  ['only equals', '='.repeat(50_000)],
  ['newlines and CRs', 'a=1\r\nb=2\rc="x\ny"'],
  ['lone surrogate escape', 'k="\\\ud800"'],
];

for (const [name, text] of hostile) {
  test(`hostile input does not throw: ${name}`, () => {
    assertSane(text, parsePropertyString(text));
  });
}

test('a 10 MB value and an unterminated 10 MB quote are read in bounded time', () => {
  const t0 = performance.now();
  assert.equal(parsePropertyString('k=' + 'v'.repeat(10_000_000)).entries[0]!.value.text.length, 10_000_000);
  const open = parsePropertyString('k="' + 'v'.repeat(10_000_000));
  assert.equal(open.problems.length, 1);
  assert.ok(performance.now() - t0 < 8000);
});

// ---------------------------------------------------------------------------------------------
// Against a direct restatement of PBS's rules: same entries when PBS accepts, a problem when not.

function pbsSplit(data: string): [string | undefined, string][] | 'error' {
  const out: [string | undefined, string][] = [];
  while (data.length > 0) {
    let key: string | undefined;
    if (!data.startsWith('"')) {
      const comma = data.indexOf(',');
      const eq = data.indexOf('=');
      if (eq >= 0 && (comma < 0 || eq < comma)) {
        key = data.slice(0, eq);
        data = data.slice(eq + 1);
      }
      if (!data.startsWith('"')) {
        const c = data.indexOf(',');
        out.push([key, c < 0 ? data : data.slice(0, c)]);
        data = c < 0 ? '' : data.slice(c + 1);
        continue;
      }
    }
    let value = '';
    let i = 1;
    for (;;) {
      if (i >= data.length) return 'error';
      const ch = data[i]!;
      if (ch === '"') break;
      if (ch === '\\') {
        const e = data[i + 1];
        if (e === undefined) return 'error';
        if (e === '"' || e === '\\') value += e;
        else if (e === 'n') value += '\n';
        else return 'error';
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    data = data.slice(i + 1);
    if (data.length > 0) {
      if (!data.startsWith(',')) return 'error';
      data = data.slice(1);
    }
    out.push([key, value]);
  }
  return out;
}

test('random property strings: the same entries as PBS, or a problem where PBS fails', () => {
  const pieces = ['a', 'key', '=', ',', '"', '\\', 'n', 'q', ' ', 'x=y'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), (parts) => {
      const text = parts.join('');
      const ast = parsePropertyString(text);
      assertSane(text, ast);
      const expected = pbsSplit(text);
      if (expected === 'error') {
        assert.ok(ast.problems.length > 0, JSON.stringify(text));
      } else {
        assert.deepEqual(ast.problems, [], JSON.stringify(text));
        assert.deepEqual(
          ast.entries.map((e) => [e.key?.text, e.value.text]),
          expected,
          JSON.stringify(text),
        );
      }
    }),
    { numRuns: 2000 },
  );
});
