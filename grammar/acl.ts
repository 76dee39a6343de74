// acl.cfg, read the way pbs-config's AclTree reads it: one `acl:<propagate>:<path>:<ugids>:<roles>`
// rule per line. Each line is trimmed (Rust white space) and skipped when empty, then split on every
// ':' into exactly five fields; field 1 must be `acl`, field 2 `0` or `1`; the user/token/group
// list and the role list are split on ',' with each item trimmed. There are no comments.
//
// A Chevrotain lexer classifies the lines (blank, `#`, `acl:` rule, anything else); the fields are
// split with plain string code. Role names, paths and user ids are checked by the schema layer.

import { createToken, type IToken, type TokenType } from 'chevrotain';
import type { AclAst, AclEntryNode, Span, SyntaxProblem } from './ast.ts';
import type { CappedList } from './limits.ts';
import { lazyLexer } from './lexers.ts';
import {
  RUST_WS_BUT_NEWLINE,
  RUST_WS_CLASS as WS,
  anyLineToken,
  startParse,
  lexLines,
  lineContentEnd,
  skipRustWhitespace,
  trimRustWhitespaceEnd,
  BlankLines,
} from './line-rules.ts';

/**
 * A run of lines that start (after white space) like a rule: `acl:`. One token per run rather
 * than per line keeps the token garbage of big files small.
 */
function matchRuleLines(text: string, offset: number): [string] | null {
  const length = text.length;
  let lineStart = offset;
  while (lineStart < length) {
    const i = skipRustWhitespace(text, lineStart, length);
    if (!text.startsWith('acl:', i)) break;
    // white space may hold a '\n' (blank lines): only a rule on this very line counts
    const nl = text.indexOf('\n', lineStart);
    if (nl >= 0 && nl < i) break;
    lineStart = nl < 0 ? length : nl + 1;
  }
  return lineStart === offset ? null : [text.substring(offset, lineStart)];
}

const RuleLines = createToken({
  name: 'RuleLines',
  pattern: { exec: matchRuleLines },
  start_chars_hint: ['a', ...RUST_WS_BUT_NEWLINE],
  line_breaks: true,
});

/** A line that starts (after white space) with `#`: not a comment in acl.cfg. */
const HashLine = createToken({ name: 'HashLine', pattern: new RegExp(`[${WS}]*#[^\\n]*\\n?`), line_breaks: true });

const OtherLine = anyLineToken('OtherLine');

/** The lexer's tokens, first match wins (exported for test/unit/grammar/lexer-hints.test.ts). */
export const aclLineTokens: TokenType[] = [BlankLines, RuleLines, HashLine, OtherLine];
const aclLexer = lazyLexer(aclLineTokens);

const RULE_SHAPE = "'acl:<propagate>:<path>:<users, tokens or @groups>:<roles>'";
const MSG_HASH =
  "'#' does not start a comment: acl.cfg has no comment syntax and PBS cannot read this line. Remove it.";

function fieldCountMessage(fields: number): string {
  return (
    `an acl.cfg rule has 5 fields separated by ':', this line has ${fields} (PBS: wrong number of items). ` +
    `Write it as ${RULE_SHAPE}; no field may contain ':'.`
  );
}

function notAclMessage(found: string): string {
  return (
    `the line starts with '${found.length > 20 ? `${found.slice(0, 20)}…` : found}' instead of 'acl' ` +
    `(PBS: line does not start with 'acl'). Every rule is ${RULE_SHAPE}.`
  );
}

function propagateMessage(found: string): string {
  return (
    `the propagate flag must be '0' or '1', not '${found.length > 20 ? `${found.slice(0, 20)}…` : found}' ` +
    "(PBS: expected '0' or '1' for propagate flag). Use 1 to let the rule apply to everything below the path."
  );
}

/**
 * A rule line kept as offsets (its five fields lie between four colons); spans are made when a
 * feature asks for them. One small object per line keeps a 200k-line acl.cfg quick to read and
 * light in memory; the file text itself is held by the workspace anyway.
 */
class AclRuleLine implements AclEntryNode {
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    private readonly c1: number,
    private readonly c2: number,
    private readonly c3: number,
    private readonly c4: number,
  ) {}

  get propagate(): Span {
    return this.span(this.c1 + 1, this.c2);
  }

  get path(): Span {
    return this.span(this.c2 + 1, this.c3);
  }

  get ugids(): Span[] {
    return this.items('ugids');
  }

  get roles(): Span[] {
    return this.items('roles');
  }

  eachItem(field: 'ugids' | 'roles', visit: (text: string, start: number, end: number) => void): void {
    const text = this.source;
    const listEnd = field === 'ugids' ? this.c4 : this.end;
    let from = (field === 'ugids' ? this.c3 : this.c4) + 1;
    // PBS splits on every ',' and trims each item (an empty item stays, as an empty span)
    for (;;) {
      // a bounded scan: indexOf would run on into the following lines (quadratic without commas)
      let comma = from;
      while (comma < listEnd && text.charCodeAt(comma) !== 44) comma++;
      const s = skipRustWhitespace(text, from, comma);
      const e = trimRustWhitespaceEnd(text, s, comma);
      visit(text.slice(s, e), s, e);
      if (comma === listEnd) return;
      from = comma + 1;
    }
  }

  /** The plain shape (what JSON.stringify, logs and tests see). */
  toJSON(): { propagate: Span; path: Span; ugids: Span[]; roles: Span[]; start: number; end: number } {
    return { propagate: this.propagate, path: this.path, ugids: this.ugids, roles: this.roles, start: this.start, end: this.end };
  }

  private span(start: number, end: number): Span {
    return { text: this.source.slice(start, end), start, end };
  }

  private items(field: 'ugids' | 'roles'): Span[] {
    const out: Span[] = [];
    this.eachItem(field, (text, start, end) => out.push({ text, start, end }));
    return out;
  }
}

class AclBuilder {
  readonly entries: AclEntryNode[] = [];
  /** The first ':' at or after the last position asked for (-1: none left): lookups only move forward. */
  private colon = -2;

  constructor(
    private readonly text: string,
    readonly problems: CappedList<SyntaxProblem>,
  ) {}

  token(t: IToken, start: number, tokenEnd: number): void {
    if (t.tokenType === BlankLines) return;
    if (t.tokenType !== RuleLines) {
      this.line(t.tokenType, start, tokenEnd);
      return;
    }
    const text = this.text;
    let lineStart = start;
    while (lineStart < tokenEnd) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 || nl >= tokenEnd ? tokenEnd : nl + 1;
      this.line(RuleLines, lineStart, lineEnd);
      lineStart = lineEnd;
    }
  }

  private line(type: TokenType, start: number, tokenEnd: number): void {
    const text = this.text;
    const lineStart = skipRustWhitespace(text, start, tokenEnd);
    const lineEnd = trimRustWhitespaceEnd(text, lineStart, lineContentEnd(text, start, tokenEnd));
    if (type === HashLine) {
      this.problems.push({ start: lineStart, end: lineEnd, message: MSG_HASH, rule: 'hash-line' });
      return;
    }
    // field boundaries: the colons of the trimmed line
    const c1 = this.nextColon(lineStart, lineEnd);
    const c2 = c1 < 0 ? -1 : this.nextColon(c1 + 1, lineEnd);
    const c3 = c2 < 0 ? -1 : this.nextColon(c2 + 1, lineEnd);
    const c4 = c3 < 0 ? -1 : this.nextColon(c3 + 1, lineEnd);
    const c5 = c4 < 0 ? -1 : this.nextColon(c4 + 1, lineEnd);
    if (c4 < 0 || c5 >= 0) {
      let fields = c1 < 0 ? 1 : c2 < 0 ? 2 : c3 < 0 ? 3 : 4;
      if (c5 >= 0) {
        fields = 6;
        for (let c = this.nextColon(c5 + 1, lineEnd); c >= 0; c = this.nextColon(c + 1, lineEnd)) fields++;
      }
      this.problems.push({ start: lineStart, end: lineEnd, message: fieldCountMessage(fields) });
      return;
    }
    if (c1 - lineStart !== 3 || !text.startsWith('acl', lineStart)) {
      this.problems.push({ start: lineStart, end: c1, message: notAclMessage(text.slice(lineStart, c1)) });
    }
    const flag = text.charCodeAt(c1 + 1);
    if (c2 !== c1 + 2 || (flag !== 48 && flag !== 49)) {
      this.problems.push({ start: c1 + 1, end: c2, message: propagateMessage(text.slice(c1 + 1, c2)) });
    }
    this.entries.push(new AclRuleLine(text, lineStart, lineEnd, c1, c2, c3, c4));
  }

  private nextColon(from: number, limit: number): number {
    if (this.colon !== -1 && this.colon < from) this.colon = this.text.indexOf(':', from);
    return this.colon >= 0 && this.colon < limit ? this.colon : -1;
  }
}

/** Parses acl.cfg: the rules PBS can read, and a problem for every line it cannot. */
export function parseAcl(text: string): AclAst {
  const { problems, skip } = startParse(text, 0);
  const builder = new AclBuilder(text, problems);
  lexLines(aclLexer(), text, skip, (t, start, end) => builder.token(t, start, end));
  const ast: AclAst = { family: 'acl', entries: builder.entries, problems: problems.items };
  if (problems.overflow) ast.overflow = problems.overflow;
  return ast;
}

/**
 * The first non-empty item of an acl.cfg list at `offset` (ends included), found without making
 * the list's spans (a list can be megabytes of commas).
 */
export function aclItemAt(entry: AclEntryNode, field: 'ugids' | 'roles', offset: number): Span | undefined {
  let hit: Span | undefined;
  entry.eachItem(field, (text, start, end) => {
    if (hit === undefined && offset >= start && offset <= end && end > start) hit = { text, start, end };
  });
  return hit;
}

/** An acl.cfg list as text for a label: its first `max` items joined by ', ', then '…'. */
export function aclItemsText(entry: AclEntryNode, field: 'ugids' | 'roles', max = 10): string {
  const items: string[] = [];
  let more = false;
  entry.eachItem(field, (text) => {
    if (items.length < max) items.push(text.length > 60 ? `${text.slice(0, 57)}…` : text);
    else more = true;
  });
  const joined = items.join(', ');
  return more ? `${joined}, …` : joined;
}
