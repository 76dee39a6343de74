// The syntax trees every grammar produces. Positions are UTF-16 offsets into the document text
// (what JavaScript strings index by); the service turns them into line/character positions with
// the editor's line rules, so the grammars never need to agree with an editor on what a line is.

/** A piece of the source: its text (trimmed/unescaped as the grammar says) and where it stands. */
export interface Span {
  text: string;
  /** Offset of the first UTF-16 code unit. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
}

/** A recovered syntax error. The grammar keeps going after it. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  /** Which rule, where a quick fix can act on it (service/actions.ts). */
  rule?: SyntaxRule;
}

/** `blank-line-before-header`: a header right under a section; `hash-line`: a `#` line PBS refuses. */
export type SyntaxRule = 'blank-line-before-header' | 'hash-line';

/** `key value` line of a section (or `key: value` line of node.cfg). */
export interface PropertyNode {
  readonly key: Span;
  /** The key's text, as `key.text` but without making the span (validation reads it per line). */
  readonly keyText: string;
  /** The value, trimmed on both sides as PBS does; empty text for an empty value. */
  readonly value: Span;
  /** The whole line without its line break. */
  readonly start: number;
  readonly end: number;
}

/**
 * A section-config property line as the parser keeps it: offsets inline and the spans made on
 * demand. Big files have hundreds of thousands of these; three objects and a string per line
 * (node, key span, value span, value text) made the tree and its garbage collection the cost of
 * parsing, and the server's memory. One object per line, its value text sliced when asked for.
 */
export class PropertyLine implements PropertyNode {
  constructor(
    /** The parsed text; `base` is the document offset of its first code unit. */
    private readonly source: string,
    private readonly base: number,
    readonly keyText: string,
    private readonly keyStart: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get key(): Span {
    return { text: this.keyText, start: this.keyStart, end: this.keyStart + this.keyText.length };
  }

  get value(): Span {
    const base = this.base;
    return { text: this.source.slice(this.valueStart - base, this.valueEnd - base), start: this.valueStart, end: this.valueEnd };
  }

  /** The plain shape (what JSON.stringify, logs and tests see). */
  toJSON(): { key: Span; value: Span; start: number; end: number } {
    return { key: this.key, value: this.value, start: this.start, end: this.end };
  }

  /** The same line `delta` code units further on in the document (see service/shift.ts). */
  moved(delta: number): PropertyLine {
    return new PropertyLine(
      this.source,
      this.base + delta,
      this.keyText,
      this.keyStart + delta,
      this.valueStart + delta,
      this.valueEnd + delta,
      this.start + delta,
      this.end + delta,
    );
  }
}

/** One `type: id` section and its property lines. */
export interface SectionNode {
  type: Span;
  id: Span;
  /** The header line without its line break. */
  header: { start: number; end: number };
  properties: PropertyNode[];
  /** From the header to the end of the last property line. */
  start: number;
  end: number;
}

/** A section-config file (every *.cfg except acl.cfg and node.cfg). */
export interface SectionConfigAst {
  family: 'section-config';
  sections: SectionNode[];
  problems: SyntaxProblem[];
}

/** One `acl:<propagate>:<path>:<ugids>:<roles>` line of acl.cfg. */
export interface AclEntryNode {
  readonly propagate: Span;
  readonly path: Span;
  /** Each comma-separated user, token or `@group`, trimmed. */
  readonly ugids: Span[];
  /** Each comma-separated role name, trimmed. */
  readonly roles: Span[];
  readonly start: number;
  readonly end: number;
  /**
   * Calls `visit` with the text and offsets of each trimmed user/token/group (`ugids`) or role,
   * without building the spans: validation of a 200k-line acl.cfg would otherwise spend its time
   * making and collecting them.
   */
  eachItem(field: 'ugids' | 'roles', visit: (text: string, start: number, end: number) => void): void;
}

export interface AclAst {
  family: 'acl';
  entries: AclEntryNode[];
  problems: SyntaxProblem[];
}

/** node.cfg: a leading `#` description block, then `key: value` lines. */
export interface KeyValueAst {
  family: 'key-value';
  /** The leading `#` lines (the node description); text is what follows the `#`. */
  description: Span[];
  properties: PropertyNode[];
  problems: SyntaxProblem[];
}

/** One member of a property string (`key=value,key=value`). */
export interface PropertyStringEntry {
  /** Absent for an entry without `key=` (it goes to the schema's default key). */
  key?: Span;
  /** Unescaped value text; for a quoted value the range covers the quotes. */
  value: Span;
  start: number;
  end: number;
}

export interface PropertyStringAst {
  entries: PropertyStringEntry[];
  problems: SyntaxProblem[];
}

/** Result of a value grammar (calendar event, time span, size, ...). */
export type ValueParse<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** What is wrong, phrased for an admin ("unknown unit 'mins'"). */
      message: string;
      /** Offset of the problem inside the value text, and its length (0 = at end). */
      offset: number;
      length: number;
    };
