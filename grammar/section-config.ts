// Section-config files (every PBS *.cfg except acl.cfg and node.cfg), read the way
// proxmox-section-config reads them: a `type: id` header line, indented `key value` lines, and a
// blank line that ends the section.
//
// A Chevrotain lexer classifies the lines by how they start (`#` line, other line: one token each,
// the line break included; runs of blank lines and runs of property lines: one token per run; a
// header line: one token with the property lines under it, the blank lines after them and the
// sections that follow the same way). The line structure is PBS's two-state machine (before a
// header / inside a section) run over those tokens, building the AST directly (no parser object,
// no CST: big files stay cheap); a run of sections is read while the lexer matches it, since
// finding its end takes reading its lines anyway. Splitting a header or a property line into its
// parts is plain string code. PBS stops at the first error; we record every unreadable line as a
// problem and keep going. Lines under a line that should have been a header but is unreadable are
// not reported again.
//
// The grammar knows no section types, ids or keys: unknown types, bad ids, unknown or repeated
// keys are the schema layer's business. It reports only lines PBS cannot read at all.

import { createToken, type IToken, type TokenType } from 'chevrotain';
import { Section, type SectionConfigAst, type SyntaxProblem, type SyntaxRule } from './ast.ts';
import { PropertyLineTable } from './property-line-table.ts';
import { lazyLexer } from './lexers.ts';
import { CappedList } from './limits.ts';
import {
  RUST_WS_BUT_NEWLINE,
  isRustWhitespace,
  anyLineToken,
  startParse,
  lexLines,
  lineContentEnd,
  skipRustWhitespace,
  trimRustWhitespaceEnd,
  BlankLines,
} from './line-rules.ts';
import { HEADER_START, blankLinesEnd, headerColon, propertyLinesEnd } from './section-config-lines.ts';
import {
  MSG_HASH_INSIDE,
  MSG_HASH_OUTSIDE,
  MSG_HEADER_WITHOUT_BLANK,
  MSG_NOT_INDENTED,
  MSG_ORPHAN_PROPERTY,
  keyWithoutBlankMessage,
  notAHeaderMessage,
} from './section-config-messages.ts';

// ---------------------------------------------------------------------------------------------
// Tokens. Order matters: the first pattern that matches wins.

/**
 * A run of property lines. One token per run rather than per line keeps the token garbage of big
 * files small.
 */
function matchPropertyLines(text: string, offset: number): [string] | null {
  const end = propertyLinesEnd(text, offset);
  return end === offset ? null : [text.substring(offset, end)];
}

const PropertyLines = createToken({
  name: 'PropertyLines',
  pattern: { exec: matchPropertyLines },
  start_chars_hint: [...RUST_WS_BUT_NEWLINE],
  line_breaks: true,
});

/** The parse the section lexer is running for (set by parseSectionConfig while it lexes). */
let parsing: SectionBuilder | undefined;
/** A builder of a text lexed outside a parse (tests lex with the tokens alone). */
let scratch: SectionBuilder | undefined;

/**
 * Sections as PBS writes them, in one token: a header line, the property lines under it and the
 * blank lines after them, then the next section if a header follows those blank lines, and so on.
 * A clean file is then a token per lexer slice, not a few per section: each token is a few
 * objects the lexer makes.
 *
 * Finding where the token ends takes reading its lines, so the parse reads them into sections
 * here, while lexing (SectionBuilder.sectionRun), rather than scanning them once for the lexer and
 * again for the parse. That is safe because Chevrotain calls this pattern only where no earlier
 * token matched and keeps the match (first match wins, no longer alternative), and never to
 * resynchronise after a lexing error, since every line matches some token. Outside a parse, a
 * builder of the text's own reads the run for its extent only.
 */
function matchSections(slice: string, offset: number, tokens: IToken[]): [string] | null {
  const colon = headerColon(slice, offset);
  if (colon < 0) return null;
  let end: number;
  if (parsing !== undefined) end = parsing.sectionRun(offset, colon, tokens);
  else {
    if (scratch?.text !== slice) scratch = new SectionBuilder(slice, 0, new CappedList<SyntaxProblem>(0), 16);
    end = scratch.readSections(offset, colon, slice.length);
  }
  return [slice.substring(offset, end)];
}

const SectionLines = createToken({
  name: 'SectionLines',
  pattern: { exec: matchSections },
  start_chars_hint: HEADER_START,
  line_breaks: true,
});

/** A `#` in the first column: not a comment in these files. */
const HashLine = createToken({ name: 'HashLine', pattern: /#[^\n]*\n?/, line_breaks: true });

/** Anything else: a would-be header without ':' or not starting with a letter, binary junk, ... */
const OtherLine = anyLineToken('OtherLine');

/** The lexer's tokens, first match wins (exported for test/unit/grammar/lexer-hints.test.ts). */
export const sectionLineTokens: TokenType[] = [BlankLines, PropertyLines, SectionLines, HashLine, OtherLine];

const sectionLexer = lazyLexer(sectionLineTokens);

// ---------------------------------------------------------------------------------------------
// The line structure

const enum State {
  /** Before a header: after a blank line, or at the start. */
  Outside,
  /** Inside a section. */
  Inside,
  /** Under a line that should have been a header and is unreadable: its lines are not reported again. */
  Broken,
}

/**
 * Slots of the parser's word cache (a power of two). With the slot taken from a word's first,
 * middle and last characters and its length, no two keys of a section type (nor the type) share
 * a slot in any PBS schema: a word that lost its slot is sliced and looked up again on its next
 * line (user.cfg's `enable` and `expire` did so on every line with the first and last only).
 */
const WORD_SLOTS = 1024;

class SectionBuilder {
  readonly sections: Section[] = [];
  private state = State.Outside;
  private current: Section | undefined;
  /** Every property line of the parse. */
  readonly table: PropertyLineTable;
  private readonly words: (string | undefined)[] = new Array<string | undefined>(WORD_SLOTS).fill(undefined);
  /** Per slot of `words`: its word's key id in `table` once it was a key (-1: not yet). */
  private readonly keyIds = new Int32Array(WORD_SLOTS).fill(-1);
  /** The slot of `words` the last `word` call used. */
  private slot = 0;
  /** The slice being lexed, as offsets in `text` (lexLines' startSlice). */
  private sliceStart = 0;
  private sliceEnd: number;
  /** How many tokens of the slice have been visited (sectionRun visits them before it reads on). */
  private visited = 0;
  /** Where the last run of sections read while lexing ends: the tokens before it are done. */
  private readTo = 0;

  constructor(
    readonly text: string,
    /** Added to every offset in `text`. */
    private readonly shift: number,
    readonly problems: CappedList<SyntaxProblem>,
    // about one property line per 24 characters in files as PBS writes them
    expectedLines = Math.ceil(text.length / 24),
  ) {
    this.table = new PropertyLineTable(text, shift, expectedLines);
    this.sliceEnd = text.length;
  }

  startSlice(start: number, end: number): void {
    this.sliceStart = start;
    this.sliceEnd = end;
    this.visited = 0;
  }

  /**
   * Reads the sections of the SectionLines token at `offset` of the slice, which the lexer is
   * matching (`tokens`: the slice's tokens before it), and returns where the token ends in the
   * slice. The tokens before it are visited first, so that the lines are read in order.
   */
  sectionRun(offset: number, colon: number, tokens: readonly IToken[]): number {
    const sliceStart = this.sliceStart;
    for (; this.visited < tokens.length; this.visited++) {
      const t = tokens[this.visited]!;
      const start = t.startOffset + sliceStart;
      this.line(t, start, start + t.image.length);
    }
    this.visited++; // the token being matched
    this.readTo = this.readSections(sliceStart + offset, sliceStart + colon, this.sliceEnd);
    return this.readTo - sliceStart;
  }

  /**
   * The sections from the header at `at` on, as one SectionLines token holds them: each header,
   * the property lines under it and the blank lines after them, for as long as a header follows
   * the blank lines; returns where they end (`limit` at most).
   */
  readSections(at: number, colon: number, limit: number): number {
    const text = this.text;
    for (;;) {
      const nl = text.indexOf('\n', colon);
      const headerEnd = nl < 0 ? text.length : nl + 1;
      if (this.state === State.Inside) this.lineProblem(at, headerEnd, MSG_HEADER_WITHOUT_BLANK, 'blank-line-before-header');
      this.openSection(at, colon, lineContentEnd(text, at, headerEnd));
      const propertiesEnd = this.properties(headerEnd, limit);
      const end = blankLinesEnd(text, propertiesEnd, limit);
      // no blank line after the properties: the section goes on in the next token
      if (end === propertiesEnd) return end;
      this.blankLines();
      if (end >= limit) return end;
      colon = headerColon(text, end);
      if (colon < 0) return end;
      at = end;
    }
  }

  /** A token of the slice, visited in order; a SectionLines token is read while it is lexed (sectionRun). */
  line(t: IToken, start: number, tokenEnd: number): void {
    if (start < this.readTo) return;
    const type = t.tokenType;
    if (type === PropertyLines) {
      if (this.state === State.Inside) {
        this.properties(start, tokenEnd);
      } else if (this.state === State.Outside) {
        const nl = this.text.indexOf('\n', start);
        this.lineProblem(start, nl < 0 || nl >= tokenEnd ? tokenEnd : nl + 1, MSG_ORPHAN_PROPERTY);
        this.state = State.Broken;
      }
    } else if (type === BlankLines) {
      this.blankLines();
    } else if (type === HashLine) {
      if (this.state === State.Inside) this.lineProblem(start, tokenEnd, MSG_HASH_INSIDE, 'hash-line');
      else if (this.state === State.Outside) {
        this.lineProblem(start, tokenEnd, MSG_HASH_OUTSIDE, 'hash-line');
        this.state = State.Broken;
      }
    } else if (this.state === State.Inside) {
      this.lineProblem(start, tokenEnd, MSG_NOT_INDENTED);
    } else {
      const end = lineContentEnd(this.text, start, tokenEnd);
      this.problem(start, end, notAHeaderMessage(this.text.slice(start, end)));
      this.state = State.Broken;
    }
  }

  /**
   * The property lines of the current section from `start` (a line start) on, up to `end` or the
   * first blank or not indented line before it; returns where they end.
   *
   * This loop runs once per line of a file, mostly before V8 has optimized it (a lint is one cold
   * pass), where every call costs: the line's end, its white space and its key are found inline,
   * and white space is told without a call for tab, blank and printable ASCII (isRustWhitespace
   * decides the rest).
   */
  private properties(start: number, end: number): number {
    const text = this.text;
    const section = this.current!;
    const firstLine = this.table.length;
    let lastEnd = -1;
    let lineStart = start;
    while (lineStart < end) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 || nl >= end ? end : nl + 1;
      // the content: without the `\n` and a `\r` before it (lineContentEnd)
      let contentEnd = lineEnd;
      if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 10) {
        contentEnd--;
        if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
      }
      let keyStart = lineStart;
      for (; keyStart < contentEnd; keyStart++) {
        const c = text.charCodeAt(keyStart);
        if (!(c === 9 || c === 32 || ((c < 32 || c >= 0x7f) && isRustWhitespace(c)))) break;
      }
      if (keyStart === contentEnd || keyStart === lineStart) break; // a blank or not indented line
      let keyEnd = keyStart;
      for (; keyEnd < contentEnd; keyEnd++) {
        const c = text.charCodeAt(keyEnd);
        if (c === 9 || c === 32 || ((c < 32 || c >= 0x7f) && isRustWhitespace(c))) break;
      }
      if (keyEnd === contentEnd) this.problem(keyStart, keyEnd, keyWithoutBlankMessage(text.slice(keyStart, keyEnd)));
      else {
        this.property(lineStart, keyStart, keyEnd, contentEnd);
        lastEnd = contentEnd;
      }
      lineStart = lineEnd;
    }
    // the section's lines and end, once for the run rather than per line
    if (lastEnd >= 0) {
      section.count += this.table.length - firstLine;
      section.end = lastEnd + this.shift;
    }
    return lineStart;
  }

  private blankLines(): void {
    this.state = State.Outside;
    this.closeSection();
  }

  problem(start: number, end: number, message: string, rule?: SyntaxRule): void {
    const p: SyntaxProblem = { start: start + this.shift, end: end + this.shift, message };
    if (rule !== undefined) p.rule = rule;
    this.problems.push(p);
  }

  private lineProblem(start: number, tokenEnd: number, message: string, rule?: SyntaxRule): void {
    this.problem(start, lineContentEnd(this.text, start, tokenEnd), message, rule);
  }

  /** The text of a word that repeats a lot (keys, section types): reuses an earlier equal string. */
  private word(start: number, end: number): string {
    const text = this.text;
    const length = end - start;
    const slot = (text.charCodeAt(start) * 31 + text.charCodeAt(start + (length >> 1)) * 17 + text.charCodeAt(end - 1) * 7 + length * 3) & (WORD_SLOTS - 1);
    let word = this.words[slot];
    if (word === undefined || word.length !== length || !text.startsWith(word, start)) {
      word = text.slice(start, end);
      this.words[slot] = word;
      this.keyIds[slot] = -1;
    }
    this.slot = slot;
    return word;
  }

  /** A header line from `start` to `end` (its content), its first ':' at `colon`. */
  private openSection(start: number, colon: number, end: number): void {
    const text = this.text;
    // the first character is alphabetic, so the trimmed type is never empty
    const typeEnd = trimRustWhitespaceEnd(text, start, colon);
    const idStart = skipRustWhitespace(text, colon + 1, end);
    const idEnd = trimRustWhitespaceEnd(text, idStart, end);
    this.closeSection();
    const shift = this.shift;
    // an empty id stands just after the ':'
    const idFrom = idStart < idEnd ? idStart : colon + 1;
    const idTo = idStart < idEnd ? idEnd : colon + 1;
    const node = new Section(this.word(start, typeEnd), start + shift, idFrom + shift, idTo + shift, end + shift, this.table, this.table.length);
    this.sections.push(node);
    this.current = node;
    this.state = State.Inside;
  }

  /** A property line from `start` to `end` (its content), its key from `keyStart` to `keyEnd` (white space after it). */
  private property(start: number, keyStart: number, keyEnd: number, end: number): void {
    const text = this.text;
    let valueStart = keyEnd + 1;
    for (; valueStart < end; valueStart++) {
      const c = text.charCodeAt(valueStart);
      if (!(c === 9 || c === 32 || ((c < 32 || c >= 0x7f) && isRustWhitespace(c)))) break;
    }
    let valueEnd = end;
    for (; valueEnd > valueStart; valueEnd--) {
      const c = text.charCodeAt(valueEnd - 1);
      if (!(c === 9 || c === 32 || ((c < 32 || c >= 0x7f) && isRustWhitespace(c)))) break;
    }
    // an empty value (PBS trims the rest of the line) stands just after the blank that ends the key
    if (valueStart === valueEnd) valueStart = valueEnd = keyEnd + 1;
    const key = this.word(keyStart, keyEnd);
    // the key's id, looked up in the table only when its slot has none yet
    let id = this.keyIds[this.slot];
    if (id < 0) this.keyIds[this.slot] = id = this.table.keyId(key);
    this.table.add(id, keyStart, valueStart, valueEnd, start, end);
  }

  closeSection(): void {
    this.current = undefined;
  }
}

/**
 * Parses a section-config text. Every offset is `baseOffset +` the position in `text`: pass the
 * offset of a block (see {@link splitSectionBlocks}) to parse a part of a bigger document.
 */
export function parseSectionConfig(text: string, baseOffset = 0): SectionConfigAst {
  const { problems, skip } = startParse(text, baseOffset);
  const builder = new SectionBuilder(text, baseOffset, problems);
  const visit = (t: IToken, start: number, end: number): void => builder.line(t, start, end);
  const startSlice = (start: number, end: number): void => builder.startSlice(start, end);
  parsing = builder;
  let errors: { start: number; end: number }[];
  try {
    errors = lexLines(sectionLexer(), text, skip, visit, startSlice);
  } finally {
    parsing = undefined;
  }
  builder.table.trim();
  // every line matches some token, so there are none; kept so a lexer change cannot lose text
  for (const e of errors) builder.problem(e.start, e.end, 'unreadable text');
  const ast: SectionConfigAst = { family: 'section-config', sections: builder.sections, problems: problems.items };
  if (problems.overflow) ast.overflow = problems.overflow;
  return ast;
}

/**
 * The maximal runs of non-blank lines of `text` (of its part [from, to), where `from` is in a
 * blank line or starts a line, and `to` starts a line after a blank one or is the end): each block
 * starts at its first line and ends at the end of its last line's content (before its `\r\n` or
 * `\n`). Blank means only Rust white space (a line holding a U+FEFF is not blank). Parsing each
 * block with its start as `baseOffset` gives the same sections and problems as parsing the whole text.
 */
export function splitSectionBlocks(text: string, from = 0, to = text.length): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  const length = to;
  let blockStart = -1;
  let blockEnd = 0;
  let lineStart = from;
  while (lineStart <= length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0 || nl > length) nl = length;
    if (skipRustWhitespace(text, lineStart, nl) === nl) {
      if (blockStart >= 0) blocks.push({ start: blockStart, end: blockEnd });
      blockStart = -1;
    } else {
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineContentEnd(text, lineStart, nl < length ? nl + 1 : nl);
    }
    lineStart = nl + 1;
  }
  if (blockStart >= 0) blocks.push({ start: blockStart, end: blockEnd });
  return blocks;
}
