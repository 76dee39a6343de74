// The line lexers' compact start-character hints (grammar/lexers.ts startCharsHint) lex exactly as
// the full hints did: every UTF-16 code unit is put at the start of a line, in several kinds of
// line, and each lexer's tokens are compared with those of the same lexer built with the full list
// of every code unit each token may start with (as the hints were written before). And every
// lexer definition passes Chevrotain's checks, which the grammars skip at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { sectionLineTokens } from '../../../grammar/section-config.ts';
import { aclLineTokens } from '../../../grammar/acl.ts';
import { nodeLineTokens } from '../../../grammar/node-config.ts';
import { ANY_BUT_NEWLINE, RUST_WS_CLASS, isRustWhitespace } from '../../../grammar/line-rules.ts';
import { LEXER_DEFINITIONS, startCharsHint } from '../../../grammar/lexers.ts';
import { everyLineStart, firstDifference } from '../../helpers/lexer-compare.ts';

const EVERY_CODE_UNIT = Array.from({ length: 0x10000 }, (_, c) => c);
const ANY_BUT_NEWLINE_FULL = EVERY_CODE_UNIT.filter((c) => c !== 10);
const RUST_WS_FULL = ANY_BUT_NEWLINE_FULL.filter(isRustWhitespace);

/** Every code unit each hinted token may start with, by token name. */
const FULL_HINTS: Record<string, (string | number)[]> = {
  OtherLine: ANY_BUT_NEWLINE_FULL,
  KeyValueLine: ANY_BUT_NEWLINE_FULL,
  PropertyLines: RUST_WS_FULL,
  RuleLines: ['a', ...RUST_WS_FULL],
  SectionLines: EVERY_CODE_UNIT.filter((c) => c >= 256 || /\p{Alphabetic}/u.test(String.fromCharCode(c))),
};

/** A lexer of `tokens` that must use Chevrotain's first-character table (else the hints would not matter). */
function optimizedLexer(tokens: TokenType[]): Lexer {
  return new Lexer(tokens, { positionTracking: 'onlyOffset', ensureOptimizations: true });
}

/** The same tokens with the full hints. */
function withFullHints(tokens: TokenType[]): TokenType[] {
  return tokens.map((t) => {
    if (t.START_CHARS_HINT === undefined) return t;
    const full = FULL_HINTS[t.name];
    if (full === undefined) throw new Error(`${t.name} has a hint but no full list in FULL_HINTS`);
    return createToken({ name: t.name, pattern: t.PATTERN!, start_chars_hint: full, line_breaks: t.LINE_BREAKS });
  });
}

const TEXTS = { 'at line starts': everyLineStart(''), 'after a property line': everyLineStart('\tkey value\n') };

const LEXERS: [string, TokenType[]][] = [
  ['section-config', sectionLineTokens],
  ['acl.cfg', aclLineTokens],
  ['node.cfg', nodeLineTokens],
];

for (const [name, tokens] of LEXERS) {
  test(`${name} lexer: compact hints lex every code unit as the full hints do`, () => {
    const compact = optimizedLexer(tokens);
    const full = optimizedLexer(withFullHints(tokens));
    for (const [where, text] of Object.entries(TEXTS)) assert.equal(firstDifference(compact, full, text), undefined, where);
  });
}

test('the comparison notices a token missing from the candidates of one bucket', () => {
  // OtherLine without the hint entry that stands for U+4E00's bucket: a CJK line that is no header
  const representative = Math.max(...ANY_BUT_NEWLINE.filter((c) => c <= 0x4e00));
  const broken = sectionLineTokens.map((t) =>
    t.name === 'OtherLine'
      ? createToken({ name: t.name, pattern: t.PATTERN!, start_chars_hint: ANY_BUT_NEWLINE.filter((c) => c !== representative), line_breaks: true })
      : t,
  );
  const difference = firstDifference(optimizedLexer(broken), optimizedLexer(withFullHints(sectionLineTokens)), TEXTS['at line starts']);
  assert.match(difference ?? '', /errors differ|OtherLine/);
});

test('startCharsHint: code units below 256 one by one, one per Chevrotain bucket above', () => {
  assert.deepEqual(startCharsHint([[0x41, 0x43]]), [0x41, 0x42, 0x43]);
  // 256 own slots and the 257 buckets of 255 code units from 256 up
  assert.equal(startCharsHint([[0, 0xffff]]).length, 256 + 257);
  assert.deepEqual(startCharsHint([[0xff, 0x101]]), [0xff, 0x100]);
  // U+2000…U+200A and U+2028 share a bucket
  assert.deepEqual(startCharsHint([[0x2000, 0x200a], [0x2028, 0x2028], [0x3000, 0x3000]]), [0x2000, 0x3000]);
  assert.ok(ANY_BUT_NEWLINE.length < 600);
});

test('Rust white space: the class, isRustWhitespace and the hint ranges agree on every code unit', () => {
  const inClass = new RegExp(`^[${RUST_WS_CLASS}]$`);
  for (let c = 0; c < 0x10000; c++) {
    assert.equal(c !== 10 && isRustWhitespace(c), inClass.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  }
  // Unicode White_Space, all in the BMP (U+0085 is, U+FEFF and U+180E are not)
  assert.deepEqual(RUST_WS_FULL, EVERY_CODE_UNIT.filter((c) => c !== 10 && /^\p{White_Space}$/u.test(String.fromCharCode(c))));
});

test("every grammar lexer passes Chevrotain's checks of its definition", async (t) => {
  // every grammar module, so that each one's lazyLexer call has been made
  const dir = new URL('../../../grammar/', import.meta.url);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) await import(new URL(f, dir).href);
  // section-config, acl.cfg, node.cfg, property strings, time spans
  assert.ok(LEXER_DEFINITIONS.length >= 5, `${LEXER_DEFINITIONS.length} definitions`);
  const warn = t.mock.method(console, 'warn', () => {});
  for (const definition of LEXER_DEFINITIONS) {
    const lexer = new Lexer(definition, { positionTracking: 'onlyOffset', deferDefinitionErrorsHandling: true });
    assert.deepEqual(lexer.lexerDefinitionErrors.map((e) => e.message), []);
  }
  assert.deepEqual(warn.mock.calls.map((c) => String(c.arguments[0])), []);
});

test('the check above finds a broken definition', () => {
  const lexer = new Lexer([createToken({ name: 'Empty', pattern: /a*/ })], { deferDefinitionErrorsHandling: true });
  assert.equal(lexer.lexerDefinitionErrors.length, 1);
});
