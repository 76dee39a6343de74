// node.cfg, read the way proxmox-simple-config reads it: the lines at the very top that start
// with '#' are the node description; after them every line is trimmed, and empty lines and lines
// starting with '#' are skipped (real comments here, unlike section-config files); every other
// line is `key: value`, split at the first ':' (the key is not trimmed further, the value loses
// its leading blanks).
//
// A Chevrotain lexer classifies the lines and an embedded-actions parser gives the file its shape
// (description block, then body lines). Keys and values are checked by the schema layer.

import { createToken, EmbeddedActionsParser, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { KeyValueAst, PropertyNode, Span, SyntaxProblem } from './ast.ts';
import {
  ANY_BUT_NEWLINE,
  RUST_WS_CLASS as WS,
  leadingBom,
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

const KeyValueLine = createToken({
  name: 'KeyValueLine',
  pattern: /[^\n]+\n?/,
  start_chars_hint: [...ANY_BUT_NEWLINE],
  line_breaks: true,
});

const nodeTokens: TokenType[] = [BlankLines, HashLine, IndentedHashLine, KeyValueLine];
const nodeLexer = new Lexer(nodeTokens, { positionTracking: 'onlyOffset' });

const MSG_MISSING_COLON =
  "missing colon to separate key from value: node.cfg lines are 'key: value'. Add the ':' after the key, " +
  "or start the line with '#' to make it a comment.";
const MSG_EMPTY_KEY = "empty key not allowed: write the key before the ':' ('key: value').";

class NodeConfigParser extends EmbeddedActionsParser {
  private text = '';
  private shift = 0;
  private description: Span[] = [];
  private properties: PropertyNode[] = [];
  private problems: SyntaxProblem[] = [];

  constructor() {
    super(nodeTokens, { maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  run(text: string, shift: number, problems: SyntaxProblem[]): Pick<KeyValueAst, 'description' | 'properties'> {
    this.text = text;
    this.shift = shift;
    this.description = [];
    this.properties = [];
    this.problems = problems;
    this.input = nodeLexer.tokenize(text).tokens;
    this.file();
    const result = { description: this.description, properties: this.properties };
    this.text = '';
    this.description = [];
    this.properties = [];
    this.problems = [];
    this.input = [];
    return result;
  }

  private file = this.RULE('file', () => {
    // the description: '#' lines in the first column, from the first line on
    this.MANY(() => {
      const t = this.CONSUME(HashLine);
      this.ACTION(() => this.descriptionLine(t));
    });
    this.MANY2(() => {
      this.OR([
        { ALT: () => this.CONSUME(BlankLines) },
        { ALT: () => this.CONSUME2(HashLine) },
        { ALT: () => this.CONSUME(IndentedHashLine) },
        {
          ALT: () => {
            const t = this.CONSUME(KeyValueLine);
            this.ACTION(() => this.keyValueLine(t));
          },
        },
      ]);
    });
  });

  private span(start: number, end: number): Span {
    return { text: this.text.slice(start, end), start: start + this.shift, end: end + this.shift };
  }

  private descriptionLine(t: IToken): void {
    const start = t.startOffset;
    this.description.push(this.span(start + 1, lineContentEnd(this.text, start, start + t.image.length)));
  }

  private keyValueLine(t: IToken): void {
    const text = this.text;
    const start = t.startOffset;
    const end = lineContentEnd(text, start, start + t.image.length);
    const lineStart = skipRustWhitespace(text, start, end);
    const lineEnd = trimRustWhitespaceEnd(text, lineStart, end);
    // search the token's own text, so a file without colons stays linear
    const found = t.image.indexOf(':', lineStart - start);
    const colon = found < 0 ? -1 : start + found;
    if (colon < 0 || colon >= lineEnd) {
      this.problems.push({ start: lineStart + this.shift, end: lineEnd + this.shift, message: MSG_MISSING_COLON });
      return;
    }
    if (colon === lineStart) {
      this.problems.push({ start: colon + this.shift, end: colon + 1 + this.shift, message: MSG_EMPTY_KEY });
      return;
    }
    const valueStart = skipRustWhitespace(text, colon + 1, lineEnd);
    const key = this.span(lineStart, colon);
    const value = this.span(valueStart, lineEnd);
    this.properties.push({
      key,
      keyText: key.text,
      value,
      valueText: value.text,
      start: start + this.shift,
      end: end + this.shift,
    });
  }
}

const parser = new NodeConfigParser();

/** Parses node.cfg: its description block and `key: value` lines. */
export function parseNodeConfig(text: string): KeyValueAst {
  const problems: SyntaxProblem[] = [];
  const bom = leadingBom(text, 0);
  if (bom.problem) problems.push(bom.problem);
  const body = bom.skip ? text.slice(bom.skip) : text;
  const { description, properties } = parser.run(body, bom.skip, problems);
  return { family: 'key-value', description, properties, problems };
}
