// node.cfg, read the way proxmox-simple-config reads it: the lines at the very top that start
// with '#' are the node description; after them every line is trimmed, and empty lines and lines
// starting with '#' are skipped (real comments here, unlike section-config files); every other
// line is `key: value`, split at the first ':' (the key is not trimmed further, the value loses
// its leading blanks).
//
// A Chevrotain lexer classifies the lines (in slices, grammar/line-rules.ts lexLines) and a small
// builder gives the file its shape (description block, then body lines). Keys and values are
// checked by the schema layer.

import { createToken, type IToken, type TokenType } from 'chevrotain';
import type { KeyValueAst, PropertyNode, Span, SyntaxProblem } from './ast.ts';
import type { CappedList } from './limits.ts';
import { lazyLexer } from './lexers.ts';
import {
  RUST_WS_CLASS as WS,
  anyLineToken,
  startParse,
  lexLines,
  lineContentEnd,
  skipRustWhitespace,
  trimRustWhitespaceEnd,
  BlankLines,
} from './line-rules.ts';

/** `#` in the first column: description at the top of the file, a comment later. */
const HashLine = createToken({ name: 'HashLine', pattern: /#[^\n]*\n?/, line_breaks: true });

/** An indented `#` line: always a comment. */
const IndentedHashLine = createToken({
  name: 'IndentedHashLine',
  pattern: new RegExp(`[${WS}]+#[^\\n]*\\n?`),
  line_breaks: true,
});

const KeyValueLine = anyLineToken('KeyValueLine');

/** The lexer's tokens, first match wins (exported for test/unit/grammar/lexer-hints.test.ts). */
export const nodeLineTokens: TokenType[] = [BlankLines, HashLine, IndentedHashLine, KeyValueLine];
const nodeLexer = lazyLexer(nodeLineTokens);

const MSG_MISSING_COLON =
  "missing colon to separate key from value: node.cfg lines are 'key: value'. Add the ':' after the key, " +
  "or start the line with '#' to make it a comment.";
const MSG_EMPTY_KEY = "empty key not allowed: write the key before the ':' ('key: value').";

/**
 * Gives the lexed lines their shape: the `#` lines before any other line are the description,
 * then every key-value line is read; blank and `#` lines after the description are comments.
 */
class NodeConfigBuilder {
  readonly description: Span[] = [];
  readonly properties: PropertyNode[] = [];
  /** Still in the leading description block. */
  private top = true;

  constructor(
    private readonly text: string,
    private readonly problems: CappedList<SyntaxProblem>,
  ) {}

  line(t: IToken, start: number, tokenEnd: number): void {
    const type = t.tokenType;
    if (type === HashLine && this.top) {
      this.description.push(this.span(start + 1, lineContentEnd(this.text, start, tokenEnd)));
      return;
    }
    this.top = false;
    if (type === KeyValueLine) this.keyValueLine(t, start, tokenEnd);
  }

  private span(start: number, end: number): Span {
    return { text: this.text.slice(start, end), start, end };
  }

  private keyValueLine(t: IToken, start: number, tokenEnd: number): void {
    const text = this.text;
    const end = lineContentEnd(text, start, tokenEnd);
    const lineStart = skipRustWhitespace(text, start, end);
    const lineEnd = trimRustWhitespaceEnd(text, lineStart, end);
    // search the token's own text, so a file without colons stays linear
    const found = t.image.indexOf(':', lineStart - start);
    const colon = found < 0 ? -1 : start + found;
    if (colon < 0 || colon >= lineEnd) {
      this.problems.push({ start: lineStart, end: lineEnd, message: MSG_MISSING_COLON });
      return;
    }
    if (colon === lineStart) {
      this.problems.push({ start: colon, end: colon + 1, message: MSG_EMPTY_KEY });
      return;
    }
    const valueStart = skipRustWhitespace(text, colon + 1, lineEnd);
    const key = this.span(lineStart, colon);
    const value = this.span(valueStart, lineEnd);
    this.properties.push({ key, keyText: key.text, value, valueText: value.text, start, end });
  }
}

/** Parses node.cfg: its description block and `key: value` lines. */
export function parseNodeConfig(text: string): KeyValueAst {
  const { problems, skip } = startParse(text, 0);
  const builder = new NodeConfigBuilder(text, problems);
  // lexed in slices: a file of millions of lines never holds millions of tokens at once
  lexLines(nodeLexer(), text, skip, (t, start, end) => builder.line(t, start, end));
  const ast: KeyValueAst = { family: 'key-value', description: builder.description, properties: builder.properties, problems: problems.items };
  if (problems.overflow) ast.overflow = problems.overflow;
  return ast;
}
