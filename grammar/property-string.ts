// Property strings (`key=value,key="quoted value"`), read the way proxmox-schema reads them:
// - entries are separated by ','; nothing is trimmed (`a=1, b=2` has the key " b");
// - an entry starting with '"' is a quoted value without key; otherwise the text up to the first
//   '=' is the key, but only if that '=' comes before the next ',' (else the entry has no key);
// - a value starting with '"' is quoted: it ends at the next unescaped '"', knows the escapes \" \\
//   and \n only, and only ',' or the end may follow it; unquoted values run to the next ',' and
//   may hold '=' and '"';
// - an empty entry (`a=1,,b=2`) is a key-less empty value; a trailing ',' adds nothing.
// PBS stops at the first error; we report each and keep going, up to the caps of grammar/limits.ts
// (entries per property string, problems per value).
//
// A Chevrotain lexer with modes (entry start / after `key=` / after a quoted value) finds keys,
// values, quoted strings and separators; a loop over the tokens builds the entries.

import { createToken, Lexer, tokenMatcher, type IToken } from 'chevrotain';
import { lazyLexer } from './lexers.ts';
import type { PropertyStringAst, PropertyStringEntry, Span, SyntaxProblem } from './ast.ts';
import { CappedList, MAX_PROBLEMS_PER_VALUE, MAX_PROPERTY_STRING_ENTRIES, addOverflow } from './limits.ts';

// ---------------------------------------------------------------------------------------------
// Quoted strings: matched and unescaped in one pass by a custom pattern.

interface QuotedPayload {
  /** The unescaped text (an unsupported escape is kept as written). */
  value: string;
  terminated: boolean;
  /** Offsets (in the lexed text) of unsupported escape sequences (the first MAX_PROBLEMS_PER_VALUE). */
  badEscapes: { start: number; end: number }[];
  /** Unsupported escape sequences beyond those listed. */
  moreBadEscapes: number;
}

function matchQuoted(text: string, offset: number): ([string] & { payload: QuotedPayload }) | null {
  if (text.charCodeAt(offset) !== 34) return null;
  const length = text.length;
  const badEscapes: { start: number; end: number }[] = [];
  let moreBadEscapes = 0;
  let value = '';
  let chunkStart = offset + 1;
  let i = chunkStart;
  let terminated = false;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      terminated = true;
      break;
    }
    if (c !== 92) {
      i++;
      continue;
    }
    // a backslash
    value += text.slice(chunkStart, i);
    if (i + 1 >= length) {
      // a lone backslash at the end: the string is unterminated; keep it
      value += '\\';
      i++;
      chunkStart = i;
      break;
    }
    const e = text.charCodeAt(i + 1);
    if (e === 34 || e === 92) value += String.fromCharCode(e);
    else if (e === 110) value += '\n';
    else {
      const width = e >= 0xd800 && e <= 0xdbff && i + 2 < length ? 2 : 1;
      if (badEscapes.length < MAX_PROBLEMS_PER_VALUE) badEscapes.push({ start: i, end: i + 1 + width });
      else moreBadEscapes++;
      value += text.slice(i, i + 1 + width);
      i += 1 + width;
      chunkStart = i;
      continue;
    }
    i += 2;
    chunkStart = i;
  }
  value += text.slice(chunkStart, i);
  const end = terminated ? i + 1 : i;
  const match = [text.slice(offset, end)] as [string] & { payload: QuotedPayload };
  match.payload = { value, terminated, badEscapes, moreBadEscapes };
  return match;
}

// ---------------------------------------------------------------------------------------------
// Tokens. Token types that differ only in the mode they lead to share a category.

const Comma = createToken({ name: 'Comma', pattern: Lexer.NA });
const Quoted = createToken({ name: 'Quoted', pattern: Lexer.NA });
const Text = createToken({ name: 'Text', pattern: Lexer.NA });

// mode "entry": the start of an entry
const EntryQuoted = createToken({
  name: 'EntryQuoted',
  pattern: { exec: matchQuoted },
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [Quoted],
  push_mode: 'afterQuoted',
});
/** `key=`: up to the first '=', when it comes before any ','. */
const Key = createToken({ name: 'Key', pattern: /[^,=]*=/, line_breaks: true, push_mode: 'value' });
const EntryText = createToken({ name: 'EntryText', pattern: /[^,]+/, line_breaks: true, categories: [Text] });
const EntryComma = createToken({ name: 'EntryComma', pattern: /,/, categories: [Comma] });

// mode "value": right after `key=`
const ValueQuoted = createToken({
  name: 'ValueQuoted',
  pattern: { exec: matchQuoted },
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [Quoted],
  pop_mode: true,
  push_mode: 'afterQuoted',
});
const ValueText = createToken({ name: 'ValueText', pattern: /[^,]+/, line_breaks: true, categories: [Text], pop_mode: true });
const ValueComma = createToken({ name: 'ValueComma', pattern: /,/, categories: [Comma], pop_mode: true });

// mode "afterQuoted": only ',' or the end may follow a closing quote
const AfterQuotedComma = createToken({ name: 'AfterQuotedComma', pattern: /,/, categories: [Comma], pop_mode: true });
const Garbage = createToken({ name: 'Garbage', pattern: /[^,]+/, line_breaks: true });

const propertyStringLexer = lazyLexer({
  modes: {
    entry: [EntryQuoted, Key, EntryText, EntryComma],
    value: [ValueQuoted, ValueText, ValueComma],
    afterQuoted: [AfterQuotedComma, Garbage],
  },
  defaultMode: 'entry',
});

// ---------------------------------------------------------------------------------------------
// Entries

const MSG_UNTERMINATED =
  "unexpected end of string: this quoted value has no closing '\"'. Add the closing quote, and write a quote " +
  'inside the value as \\".';
const MSG_BAD_ESCAPE =
  'unsupported escape sequence: inside quotes only \\" \\\\ and \\n are allowed. Write a backslash as \\\\.';
const MSG_GARBAGE =
  "garbage after quoted string: only ',' or the end of the value may follow the closing quote. Quote the whole " +
  "value, or add a ',' before the next entry.";

/**
 * Reads the entries off the tokens: `entry (Comma entry)*` with `entry = Key? (Quoted Garbage? | Text)?`.
 * The lexer's modes allow no other order, so one token of lookahead and a loop do it (a
 * Chevrotain parser would first analyze its grammar, ~3 ms at the first property string of a run).
 */
class EntryReader {
  readonly entries: PropertyStringEntry[] = [];
  readonly problems = new CappedList<SyntaxProblem>(MAX_PROBLEMS_PER_VALUE);

  constructor(
    /** Added to every offset. */
    private readonly shift: number,
  ) {}

  read(tokens: IToken[]): void {
    let i = 0;
    /** Where the entry being read starts (right after the previous ',' or at 0). */
    let entryStart = 0;
    for (;;) {
      const key = tokens[i]?.tokenType === Key ? tokens[i++] : undefined;
      let value: IToken | undefined;
      let garbage: IToken | undefined;
      const next = tokens[i];
      if (next !== undefined && tokenMatcher(next, Quoted)) {
        value = next;
        i++;
        if (tokens[i]?.tokenType === Garbage) garbage = tokens[i++];
      } else if (next !== undefined && tokenMatcher(next, Text)) {
        value = next;
        i++;
      }
      const comma = tokens[i];
      const atEnd = comma === undefined || !tokenMatcher(comma, Comma);
      this.addEntry(entryStart, key, value, garbage, atEnd);
      if (atEnd) return;
      entryStart = comma.startOffset + 1;
      i++;
    }
  }

  private addEntry(entryStart: number, key: IToken | undefined, value: IToken | undefined, garbage: IToken | undefined, atEnd: boolean): void {
    const shift = this.shift;
    // the part after the last ',' adds nothing when it is empty (trailing comma, empty string)
    if (key === undefined && value === undefined && atEnd) return;
    let keySpan: Span | undefined;
    let valueSpan: Span;
    let start = entryStart;
    if (key !== undefined) {
      start = key.startOffset;
      const keyEnd = key.startOffset + key.image.length - 1;
      keySpan = { text: key.image.slice(0, -1), start: start + shift, end: keyEnd + shift };
    }
    if (value === undefined) {
      const at = key !== undefined ? key.startOffset + key.image.length : entryStart;
      valueSpan = { text: '', start: at + shift, end: at + shift };
    } else {
      const valueStart = value.startOffset;
      const valueEnd = valueStart + value.image.length;
      if (value.tokenType === EntryText || value.tokenType === ValueText) {
        valueSpan = { text: value.image, start: valueStart + shift, end: valueEnd + shift };
      } else {
        const payload = value.payload as QuotedPayload;
        valueSpan = { text: payload.value, start: valueStart + shift, end: valueEnd + shift };
        for (const e of payload.badEscapes) this.problem(e.start, e.end, MSG_BAD_ESCAPE);
        if (payload.moreBadEscapes > 0) {
          // counted at the end of the value: where exactly does not matter for a count
          this.problems.overflow = addOverflow(this.problems.overflow, valueEnd - 1 + shift, valueEnd + shift, 'error', payload.moreBadEscapes);
        }
        if (!payload.terminated) this.problem(valueStart, valueEnd, MSG_UNTERMINATED);
      }
      if (key === undefined) start = valueStart;
    }
    if (garbage !== undefined) this.problem(garbage.startOffset, garbage.startOffset + garbage.image.length, MSG_GARBAGE);
    const end = valueSpan.end - shift;
    const entry: PropertyStringEntry = keySpan
      ? { key: keySpan, value: valueSpan, start: start + shift, end: end + shift }
      : { value: valueSpan, start: start + shift, end: end + shift };
    this.entries.push(entry);
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ start: start + this.shift, end: end + this.shift, message });
  }
}

/**
 * Where entry number `max` (0-based) starts, or the text's length when there are at most `max`
 * entries: the lexer's modes in brief (a quoted value hides its commas).
 */
function entriesEnd(text: string, max: number): number {
  const length = text.length;
  let i = 0;
  for (let n = 0; i < length; n++) {
    if (n === max) return i;
    const skipQuoted = () => {
      // from the opening quote to just past the closing one (or the end)
      for (i++; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) {
          i++;
          return;
        }
        if (c === 92) i++;
      }
    };
    if (text.charCodeAt(i) === 34) skipQuoted();
    else {
      while (i < length && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 61) i++;
      if (i < length && text.charCodeAt(i) === 61) {
        i++;
        if (text.charCodeAt(i) === 34) skipQuoted();
      }
    }
    while (i < length && text.charCodeAt(i) !== 44) i++;
    i++; // the ','
  }
  return length;
}

const MSG_TOO_MANY_ENTRIES =
  `more than ${MAX_PROPERTY_STRING_ENTRIES} entries: no PBS property string has that many members and PBS refuses a member ` +
  "given twice, so it refuses this value; the entries from here on are not checked. Remove the extra ','.";

/**
 * Parses a property string: its first MAX_PROPERTY_STRING_ENTRIES entries (one problem covers the
 * rest) and at most MAX_PROBLEMS_PER_VALUE problems (the others are counted in `overflow`). Every
 * offset is `baseOffset +` the position in `text` (pass the offset of the property's value in the
 * document).
 */
export function parsePropertyString(text: string, baseOffset = 0): PropertyStringAst {
  // Only a text with that many commas can have more entries: most values skip the scan.
  const cut = text.length > MAX_PROPERTY_STRING_ENTRIES ? entriesEnd(text, MAX_PROPERTY_STRING_ENTRIES) : text.length;
  const { tokens } = propertyStringLexer().tokenize(cut < text.length ? text.slice(0, cut) : text);
  const reader = new EntryReader(baseOffset);
  reader.read(tokens);
  const { entries, problems } = reader;
  // kept whatever the problem cap: it is the one that explains the value
  if (cut < text.length) problems.items.push({ start: cut + baseOffset, end: text.length + baseOffset, message: MSG_TOO_MANY_ENTRIES });
  const ast: PropertyStringAst = { entries, problems: problems.items };
  if (problems.overflow) ast.overflow = problems.overflow;
  return ast;
}
