// Section-config grammar: how PBS (proxmox-section-config) splits a *.cfg file into sections and
// property lines, and which lines it cannot read at all. `<|…|>` marks where a problem must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lexer } from 'chevrotain';
import { parseSectionConfig, sectionLineTokens, splitSectionBlocks } from '../../../grammar/section-config.ts';
import type { SectionConfigAst } from '../../../grammar/ast.ts';
import { marked } from '../../helpers/marked.ts';
import { MAX_PROBLEMS_PER_FILE } from '../../../grammar/limits.ts';
import { expectProblemsAt as expectProblemsAtOf } from '../../helpers/problems.ts';

/** Every text parsed here, for the block-splitting test at the end. */
const seen: string[] = [];

function parse(text: string): SectionConfigAst {
  seen.push(text);
  return parseSectionConfig(text);
}

/** Sections as `type: id` and their `key=value` pairs. */
function shape(ast: SectionConfigAst): string[][] {
  return ast.sections.map((s) => [`${s.type.text}: ${s.id.text}`, ...s.properties.map((p) => `${p.key.text}=${p.value.text}`)]);
}

/** Parses a marked text: the problems must sit exactly at the marked ranges, in order. */
const expectProblemsAt = (src: string): SectionConfigAst => expectProblemsAtOf(src, parse);

test('a file as PBS writes it: sections, properties, no problems', () => {
  const ast = parse(
    'datastore: store1\n\tcomment main store\n\tgc-schedule daily\n\tpath /mnt/datastore/store1\n\n' +
      'datastore: store2\n\tpath /mnt/datastore/store2\n',
  );
  assert.deepEqual(shape(ast), [
    ['datastore: store1', 'comment=main store', 'gc-schedule=daily', 'path=/mnt/datastore/store1'],
    ['datastore: store2', 'path=/mnt/datastore/store2'],
  ]);
  assert.deepEqual(ast.problems, []);
  assert.equal(ast.family, 'section-config');
});

test('spans: type, id, key and value point at their text; header, line and section ranges', () => {
  const text = 'user: root@pam\n\temail  root@example.com  \n';
  const [s] = parse(text).sections;
  assert.deepEqual(s!.type, { text: 'user', start: 0, end: 4 });
  assert.deepEqual(s!.id, { text: 'root@pam', start: 6, end: 14 });
  assert.deepEqual(s!.header, { start: 0, end: 14 });
  const [p] = s!.properties;
  assert.deepEqual(p!.key, { text: 'email', start: 16, end: 21 });
  assert.deepEqual(p!.value, { text: 'root@example.com', start: 23, end: 39 });
  assert.deepEqual({ start: p!.start, end: p!.end }, { start: 15, end: 41 });
  assert.deepEqual({ start: s!.start, end: s!.end }, { start: 0, end: 41 });
});

test('header: split at the first colon, type and id trimmed, blanks around the colon optional', () => {
  const ast = parse('datastore:store1\n\ndatastore : store2  \n\nsync: job:with:colons\n');
  assert.deepEqual(shape(ast), [['datastore: store1'], ['datastore: store2'], ['sync: job:with:colons']]);
  assert.deepEqual(ast.problems, []);
});

test('header with an empty id is still a header (the schema layer judges the id)', () => {
  const ast = parse('datastore:   \n\tpath /x\n');
  assert.deepEqual(shape(ast), [['datastore: ', 'path=/x']]);
  assert.deepEqual(ast.sections[0]!.id, { text: '', start: 10, end: 10 });
  assert.deepEqual(ast.problems, []);
});

test('a header may start with any Unicode letter, not only ASCII', () => {
  const ast = parse('éx: a\n\nЖ: b\n\n𝐀bc: c\n');
  assert.deepEqual(shape(ast), [['éx: a'], ['Ж: b'], ['𝐀bc: c']]);
  assert.deepEqual(ast.problems, []);
});

test('unknown section types and odd ids are not grammar problems', () => {
  const ast = parse('nonsense: !!!\n\tfoo bar\n');
  assert.deepEqual(shape(ast), [['nonsense: !!!', 'foo=bar']]);
  assert.deepEqual(ast.problems, []);
});

test('property: first word is the key, the rest trimmed is the value; inner blanks kept', () => {
  const ast = parse('remote: r1\n\tcomment   a  b\tc   \n  \t fingerprint 00:11\n');
  assert.deepEqual(shape(ast), [['remote: r1', 'comment=a  b\tc', 'fingerprint=00:11']]);
});

test('any Unicode white space indents and separates (NBSP, ideographic space), but not U+FEFF', () => {
  const ast = parse('datastore: d\n\u00a0path\u3000/x\n\u2003comment\u0085y\n');
  assert.deepEqual(shape(ast), [['datastore: d', 'path=/x', 'comment=y']]);
  expectProblemsAt('datastore: d\n\t<|comment\ufeffx|>\n');
});

test('an empty value needs a blank after the key; without it the line is unreadable', () => {
  const ast = expectProblemsAt('user: a@pbs\n\tcomment \n\tfirstname\t\n\t<|lastname|>\n\temail a@b\n');
  assert.deepEqual(shape(ast), [['user: a@pbs', 'comment=', 'firstname=', 'email=a@b']]);
  assert.deepEqual(ast.sections[0]!.properties[0]!.value, { text: '', start: 21, end: 21 });
  assert.match(ast.problems[0]!.message, /'lastname' has no blank after its key/);
  assert.match(ast.problems[0]!.message, /trailing blank/);
});

test('repeated and unknown keys are kept as they are (the schema layer judges them)', () => {
  const ast = parse('sync: s1\n\tgroup-filter type:vm\n\tgroup-filter type:ct\n\tPath x\n');
  assert.deepEqual(shape(ast), [['sync: s1', 'group-filter=type:vm', 'group-filter=type:ct', 'Path=x']]);
  assert.deepEqual(ast.problems, []);
});

test('a header directly after a property line: reported on the header, the new section still starts', () => {
  const ast = expectProblemsAt('datastore: a\n\tpath /a\n<|datastore: b|>\n\tpath /b\n');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a'], ['datastore: b', 'path=/b']]);
  assert.match(ast.problems[0]!.message, /expected section properties/);
  assert.match(ast.problems[0]!.message, /blank line/);
});

test('a header directly after a header is the same mistake', () => {
  const ast = expectProblemsAt('pool: p1\n<|pool: p2|>\n');
  assert.deepEqual(shape(ast), [['pool: p1'], ['pool: p2']]);
});

test("a '#' line is not a comment: reported with a hint at the comment property", () => {
  const ast = expectProblemsAt('<|# my datastores|>\ndatastore: a\n<|#\tpath /old|>\n\tpath /a\n');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a']]);
  for (const p of ast.problems) {
    assert.match(p.message, /no comment syntax/);
    assert.match(p.message, /'comment' property/);
  }
  assert.match(ast.problems[0]!.message, /expected header/);
  assert.match(ast.problems[1]!.message, /expected section properties/);
});

test("an indented '# text' line is an ordinary property with key '#'", () => {
  const ast = parse('datastore: a\n\t# old path\n');
  assert.deepEqual(shape(ast), [['datastore: a', '#=old path']]);
  assert.deepEqual(ast.problems, []);
});

test('a blank line ends the section: indented lines after it belong to no section', () => {
  const ast = expectProblemsAt('datastore: a\n\tpath /a\n\n<|\tcomment x|>\n\tgc-schedule daily\n\ndatastore: b\n');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a'], ['datastore: b']]);
  assert.match(ast.problems[0]!.message, /outside of any section/);
  assert.match(ast.problems[0]!.message, /expected header/);
});

test('a blank line may hold white space; several blank lines are one separator', () => {
  const ast = parse('\n \t\n\ndatastore: a\n\tpath /a\n   \n\t\n\ndatastore: b\n\n\n');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a'], ['datastore: b']]);
  assert.deepEqual(ast.problems, []);
});

test('a would-be header without colon, or not starting with a letter, is reported once', () => {
  const ast = expectProblemsAt('<|datastore store1|>\n\tpath /a\n\tcomment c\n\n<|1datastore: x|>\n\n<| datastore: y|>\n');
  assert.deepEqual(shape(ast), []);
  assert.match(ast.problems[0]!.message, /no ':'/);
  assert.match(ast.problems[1]!.message, /starts with a letter/);
  assert.match(ast.problems[2]!.message, /outside of any section/);
});

test('a non-indented line inside a section is reported; the section goes on', () => {
  const ast = expectProblemsAt('datastore: a\n\tpath /a\n<|-- oops|>\n\tcomment c\n');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a', 'comment=c']]);
  assert.match(ast.problems[0]!.message, /not indented/);
});

test('the lines lexed before a run of sections are read before it: problems in order, each section keeps its lines', () => {
  // one lexer slice: the run from `datastore: b` on is read while the lexer matches it, after the
  // '#', property, not indented and key-only lines of `datastore: a` lexed before it
  const ast = expectProblemsAt(
    'datastore: a\n<|#x|>\n\tpath /a\n<|-- oops|>\n\tcomment c\n\t<|key|>\n\ndatastore: b\n\tpath /b\n\t<|key|>\n\npool: p\n<|#y|>\n',
  );
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a', 'comment=c'], ['datastore: b', 'path=/b'], ['pool: p']]);
  assert.deepEqual(ast.problems.map((p) => p.rule ?? ''), ['hash-line', '', '', '', 'hash-line']);
});

test('the section lexer alone (outside a parse) takes a run of sections as one token', () => {
  const lexer = new Lexer(sectionLineTokens, { positionTracking: 'onlyOffset' });
  const tokens = lexer.tokenize('a: 1\n\tk v\n\n \nb: 2\n\tk\n\n#x\nc: 3\n\tk v\nd\n');
  assert.deepEqual(
    tokens.tokens.map((t) => [t.tokenType.name, t.image]),
    [
      ['SectionLines', 'a: 1\n\tk v\n\n \nb: 2\n\tk\n\n'],
      ['HashLine', '#x\n'],
      ['SectionLines', 'c: 3\n\tk v\n'],
      ['OtherLine', 'd\n'],
    ],
  );
});

test('a byte order mark at the start is reported, the rest is read as if it were absent', () => {
  const ast = expectProblemsAt('<|\ufeff|>datastore: a\n\tpath /a\n');
  assert.equal(ast.problems[0]!.message, 'PBS cannot parse a file starting with a byte order mark (BOM); remove it');
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a']]);
  assert.deepEqual(ast.sections[0]!.type, { text: 'datastore', start: 1, end: 10 });
});

test('a byte order mark anywhere else starts an unreadable line', () => {
  const ast = expectProblemsAt('datastore: a\n\n<|\ufeffdatastore: b|>\n');
  assert.match(ast.problems[0]!.message, /U\+FEFF/);
});

test('CRLF line ends: the \\r is not part of any span or line range', () => {
  const text = 'datastore: a\r\n\tpath /a\r\n\tcomment \r\n\r\ndatastore: b\r\n';
  const ast = parse(text);
  assert.deepEqual(shape(ast), [['datastore: a', 'path=/a', 'comment='], ['datastore: b']]);
  assert.deepEqual(ast.sections[0]!.header, { start: 0, end: 12 });
  assert.deepEqual(ast.sections[0]!.properties.map((p) => [p.start, p.end]), [[14, 22], [24, 33]]);
  assert.deepEqual(ast.problems, []);
});

test('a lone \\r is not a line break', () => {
  const ast = parse('datastore: a\r\tpath /a\n\tcomment x\r\n');
  assert.deepEqual(shape(ast), [['datastore: a\r\tpath /a', 'comment=x']]);
});

test('a \\r at the very end without \\n stays in the last line (current Rust str::lines), where it is white space', () => {
  const ast = parse('datastore: a\n\tcomment\r');
  assert.deepEqual(shape(ast), [['datastore: a', 'comment=']]);
  assert.deepEqual(ast.problems, []);
  assert.equal(ast.sections[0]!.end, 'datastore: a\n\tcomment\r'.length);
});

test('baseOffset shifts every offset', () => {
  const text = 'pool: p\n\tcomment \n<|#|>\n';
  const plain = parseSectionConfig(marked(text).text);
  const shifted = parseSectionConfig(marked(text).text, 100);
  assert.equal(shifted.sections[0]!.id.start, plain.sections[0]!.id.start + 100);
  assert.equal(shifted.sections[0]!.properties[0]!.value.start, plain.sections[0]!.properties[0]!.value.start + 100);
  assert.deepEqual(
    shifted.problems.map((p) => p.start),
    plain.problems.map((p) => p.start + 100),
  );
});

test('a BOM is only reported at offset 0 of the document, not at the start of a later block', () => {
  assert.equal(parseSectionConfig('\ufeffpool: p\n', 0).problems[0]!.message.includes('byte order mark (BOM)'), true);
  assert.match(parseSectionConfig('\ufeffpool: p\n', 50).problems[0]!.message, /U\+FEFF/);
});

test('splitSectionBlocks: maximal runs of non-blank lines, ending before the line break', () => {
  const text = '\n a: b\n\tc d\r\n \t\r\n\ne: f\n\ufeff\n\n';
  // a line holding only U+FEFF is not blank
  assert.deepEqual(splitSectionBlocks(text), [
    { start: 1, end: 11 },
    { start: 18, end: 24 },
  ]);
  assert.deepEqual(splitSectionBlocks(''), []);
  assert.deepEqual(splitSectionBlocks('\n\n  \n'), []);
  assert.deepEqual(splitSectionBlocks('x'), [{ start: 0, end: 1 }]);
  assert.deepEqual(splitSectionBlocks('x\r'), [{ start: 0, end: 2 }]);
});

// ---------------------------------------------------------------------------------------------
// Bad input never throws, takes bounded time and keeps problems inside the text.

function assertSane(text: string, ast: SectionConfigAst): void {
  for (const p of ast.problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `problem ${p.start}-${p.end} out of bounds`);
    assert.ok(p.message.length > 0);
  }
  for (const s of ast.sections) {
    assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end);
    for (const p of s.properties) assert.ok(p.key.start < p.key.end && p.value.end <= text.length);
  }
}

const hostile: [string, string][] = [
  ['binary bytes', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['NUL bytes', 'datastore: a\0b\n\t\0 \0\n\0\n\n\0datastore: x\n'],
  ['lone surrogates', 'datastore: \ud800\n\t\udc00 x\n\ud800: y\n'],
  ['only CRs', '\r\r\r\rdatastore: a\r\tpath x\r'],
  ['CRLF everywhere', 'datastore: a\r\n\tpath /x\r\n\r\n\r\n\tgc x\r\n'],
  ['50k blank lines', '\n'.repeat(25_000) + 'pool: p\n' + ' \t\r\n'.repeat(25_000)],
  ['no final newline', 'pool: p\n\tcomment'],
  ['only white space', ' \t \u3000 '],
  ['only a BOM', '\ufeff'],
  ['empty', ''],
];

for (const [name, text] of hostile) {
  test(`hostile input does not throw: ${name}`, () => {
    assertSane(text, parse(text));
  });
}

test('a 10 MB single line is read in bounded time', () => {
  const text = 'datastore: ' + 'x'.repeat(10_000_000);
  const t0 = performance.now();
  const ast = parse(text);
  assert.ok(performance.now() - t0 < 5000);
  assert.equal(ast.sections[0]!.id.text.length, 10_000_000);
  const junk = 'x'.repeat(10_000_000);
  const t1 = performance.now();
  const ast2 = parse(junk);
  assert.ok(performance.now() - t1 < 5000);
  assertSane(junk, ast2);
  assert.equal(ast2.problems.length, 1);
});

test('many lines without a colon stay linear', () => {
  const text = 'abc\n'.repeat(200_000);
  const t0 = performance.now();
  const ast = parse(text);
  assert.ok(performance.now() - t0 < 5000);
  // one problem per line, kept up to the per-file cap and counted after it
  assert.equal(ast.problems.length, MAX_PROBLEMS_PER_FILE);
  assert.equal(ast.overflow?.count, 200_000 - MAX_PROBLEMS_PER_FILE);
});

test('a big file: every section and property comes through', () => {
  const parts: string[] = [];
  for (let i = 0; i < 5000; i++) parts.push(`user: u${i}@pbs\n\tcomment c ${i}\n\tenable true\n`);
  const ast = parse(parts.join('\n'));
  assert.equal(ast.sections.length, 5000);
  assert.equal(ast.sections[4999]!.properties[1]!.value.text, 'true');
  assert.deepEqual(ast.problems, []);
});

// ---------------------------------------------------------------------------------------------
// Runs last: every text above, parsed block by block, gives the same result as parsed whole.

function assertBlocksEqualWhole(text: string): void {
  const whole = parseSectionConfig(text);
  const sections: SectionConfigAst['sections'] = [];
  const problems: SectionConfigAst['problems'] = [];
  for (const b of splitSectionBlocks(text)) {
    const part = parseSectionConfig(text.slice(b.start, b.end), b.start);
    for (const s of part.sections) sections.push(s);
    for (const p of part.problems) problems.push(p);
  }
  // property lines keep their spans behind getters: compare the plain data (grammar/ast.ts)
  assert.deepEqual(JSON.parse(JSON.stringify(sections)), JSON.parse(JSON.stringify(whole.sections)), JSON.stringify(text.slice(0, 80)));
  assert.deepEqual(problems, whole.problems, JSON.stringify(text.slice(0, 80)));
}

test('random texts: block parsing equals whole parsing, nothing throws, problems stay in bounds', () => {
  const pieces = ['a', 'datastore', ':', ' ', '\t', '\n', '\r', '\r\n', '#', '\ufeff', '\u00a0', 'x y', '\0', 'é', '1'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assertSane(text, parseSectionConfig(text));
      assertBlocksEqualWhole(text);
    }),
    { numRuns: 500 },
  );
});

test('parsing each block of splitSectionBlocks with its offset equals parsing the whole text', () => {
  assert.ok(seen.length > 30);
  for (const text of seen) assertBlocksEqualWhole(text);
});

test('a big text read by the lexer in slices parses as its blocks do, one slice each (sections, blank runs, stray lines at slice ends)', () => {
  const pieces = ['user: u@pbs', 'datastore: d', ':', ' ', '\t', '\n', '\n\n', '\r\n', '#', '\u00a0', '\tcomment x', '  key value', 'x y', 'é:', '\t'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }), fc.nat(), (parts, seed) => {
      // ~200k code units: several of the lexer's 64k slices, each ending wherever a line ends; a
      // stray piece in every fourth section keeps the problems below the per-file cap (a whole
      // text cut at the cap differs from its blocks, each with a cap of its own)
      const chunks: string[] = [];
      let length = 0;
      for (let i = 0; length < 200_000; i++) {
        const stray = i % 4 === 0 ? parts[(i >> 2) % parts.length] : '';
        const chunk = `user: u${(seed + i) % 997}@pbs\n\tcomment c${i}\n${stray}${i % 3 === 0 ? '\n\n' : '\n'}`;
        chunks.push(chunk);
        length += chunk.length;
      }
      assertBlocksEqualWhole(chunks.join(''));
    }),
    { numRuns: 20 },
  );
});
