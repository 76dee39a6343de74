// The syntax trees every grammar produces. Positions are UTF-16 offsets into the document text
// (what JavaScript strings index by); the service turns them into line/character positions with
// the editor's line rules, so the grammars never need to agree with an editor on what a line is.
import type { Overflow } from './limits.ts';
import { lowerBound, type PropertyLineTable } from './property-line-table.ts';
import type { OffsetRange } from '../core/offset-range.ts';

/** A piece of the source: its text (trimmed/unescaped as the grammar says) and where it stands. */
export interface Span extends OffsetRange {
  text: string;
}

/** A recovered syntax error. The grammar keeps going after it. */
export interface SyntaxProblem extends OffsetRange {
  message: string;
  /** Which rule, where a quick fix can act on it (service/actions.ts). */
  rule?: SyntaxRule;
}

/** `blank-line-before-header`: a header right under a section; `hash-line`: a `#` line PBS refuses. */
export type SyntaxRule = 'blank-line-before-header' | 'hash-line';

/** `key value` line of a section (or `key: value` line of node.cfg). */
/** The range is the whole line without its line break. */
export interface PropertyNode extends Readonly<OffsetRange> {
  readonly key: Span;
  /** The key's text, as `key.text` but without making the span (validation reads it per line). */
  readonly keyText: string;
  /** The value, trimmed on both sides as PBS does; empty text for an empty value. */
  readonly value: Span;
  /** The value's text, as `value.text` but without making the span (validation's clean path). */
  readonly valueText: string;
}


/** One `type: id` section and its property lines. */
/** The range runs from the header to the end of the last property line. */
export interface SectionNode extends Readonly<OffsetRange> {
  readonly type: Span;
  readonly id: Span;
  /** `type.text` and `id.text`, without making the spans (every check of a big file reads them per section). */
  readonly typeText: string;
  readonly idText: string;
  /** The header line without its line break. */
  readonly header: OffsetRange;
  /** The property lines as nodes (may be made on each read: read it once per use). */
  readonly properties: PropertyNode[];
  /** The same lines, read without making a node per line (validation, references). */
  readonly lines: PropertyLineList;
  /** Offsets of carriage returns PBS reads as part of a property line (see Section). */
  carriageReturns?(): readonly number[];
  /**
   * The section as first parsed, when this one is that section moved by an edit above it (same
   * text, `start - origin.start` code units further on): what was worked out for the origin
   * holds for this one, moved.
   */
  readonly origin?: SectionNode;
}

/** Property lines read by index: keys and values without a node per line, nodes when needed. */
export interface PropertyLineList {
  readonly count: number;
  keyText(i: number): string;
  valueText(i: number): string;
  line(i: number): PropertyNode;
  /**
   * Where the values stand, for lists that can say (a parser's table): line `i`'s value is
   * `source.slice(valueStartIn(i), valueEndIn(i))`, read there without making the string.
   */
  readonly source?: string;
  valueStartIn?(i: number): number;
  valueEndIn?(i: number): number;
}

/** A list over nodes that already exist (node.cfg's lines). */
export function lineList(nodes: readonly PropertyNode[]): PropertyLineList {
  return {
    count: nodes.length,
    keyText: (i) => nodes[i].keyText,
    valueText: (i) => nodes[i].valueText,
    line: (i) => nodes[i],
  };
}


/** Shared by every section without lines; frozen so that no caller can add to it by mistake. */
const NO_LINES = Object.freeze([]) as readonly PropertyNode[] as PropertyNode[];
const NO_OFFSETS: readonly number[] = Object.freeze([]);

/**
 * A section as the section-config parser makes it: offsets inline, the spans made on demand, and
 * its property lines in a table. Big files have tens of thousands of sections; four objects and
 * a string each (type, id and header spans, id text) showed up as garbage-collector time.
 */
export class Section implements SectionNode, PropertyLineList {
  /** Number of property lines. */
  count = 0;
  /** From the header to the end of the last property line. */
  end: number;

  constructor(
    /** The section type (a shared string). */
    readonly typeText: string,
    /** Where the header, and so the type, starts. */
    readonly start: number,
    private readonly idStart: number,
    private readonly idEnd: number,
    private readonly headerEnd: number,
    private readonly table: PropertyLineTable,
    /** Index of the first line in `table`. */
    private readonly first: number,
  ) {
    this.end = headerEnd;
  }

  // Most sections are never moved: `delta` (0) and `origin` (none) are the prototype's, and only a
  // moved copy (moved()) has its own. A 50k-section file read once has two fields less per
  // section for the garbage collector to copy (1.6 MB of 6).
  /** How far the section was moved in the document since it was parsed. */
  declare private delta: number;
  declare origin: Section | undefined;

  get type(): Span {
    return { text: this.typeText, start: this.start, end: this.start + this.typeText.length };
  }

  /** The id's text, sliced on first use (every edit of a file looks at every id, for duplicates). */
  private idSliced: string | undefined;

  get idText(): string {
    if (this.idSliced === undefined) {
      const at = this.table.base + this.delta;
      this.idSliced = this.table.source.slice(this.idStart - at, this.idEnd - at);
    }
    return this.idSliced;
  }

  get id(): Span {
    return { text: this.idText, start: this.idStart, end: this.idEnd };
  }

  get header(): OffsetRange {
    return { start: this.start, end: this.headerEnd };
  }

  /** Made anew on each call: read it once per use. */
  get properties(): PropertyNode[] {
    const n = this.count;
    if (n === 0) return NO_LINES;
    const out = new Array<PropertyNode>(n);
    for (let i = 0; i < n; i++) out[i] = this.line(i);
    return out;
  }

  get lines(): PropertyLineList {
    return this;
  }

  keyText(i: number): string {
    return this.table.keyText(this.first + i);
  }

  valueText(i: number): string {
    return this.table.valueText(this.first + i);
  }

  get source(): string {
    return this.table.source;
  }

  valueStartIn(i: number): number {
    return this.table.valueStartIn(this.first + i);
  }

  valueEndIn(i: number): number {
    return this.table.valueEndIn(this.first + i);
  }

  line(i: number): PropertyNode {
    return this.table.line(this.first + i, this.delta);
  }

  /**
   * Document offsets of the carriage returns inside the values of this section's property lines:
   * a CR that is not part of a line's `\r\n`, which editors show as a line break and PBS reads as
   * part of the value (proxmox-section-config splits at `\n` only and trims only the ends of a
   * line, so a CR at the end is never seen; one between key and value is just a blank to PBS).
   * Empty for nearly every section: one search, no allocation.
   */
  carriageReturns(): readonly number[] {
    const n = this.count;
    if (n === 0) return NO_OFFSETS;
    const t = this.table;
    const crs = t.carriageReturnsIn();
    if (crs.length === 0) return NO_OFFSETS;
    const first = this.first;
    let k = lowerBound(crs, t.valueStartIn(first));
    if (k >= crs.length || crs[k] >= t.valueEndIn(first + n - 1)) return NO_OFFSETS;
    const shift = t.base + this.delta;
    let out: number[] | undefined;
    for (let i = first; i < first + n && k < crs.length; i++) {
      const start = t.valueStartIn(i);
      const end = t.valueEndIn(i);
      while (k < crs.length && crs[k] < start) k++;
      for (; k < crs.length && crs[k] < end; k++) (out ??= []).push(crs[k] + shift);
    }
    return out ?? NO_OFFSETS;
  }

  /** The plain shape (what JSON.stringify, logs and tests see). */
  toJSON(): { type: Span; id: Span; header: OffsetRange; properties: PropertyNode[]; start: number; end: number } {
    return { type: this.type, id: this.id, header: this.header, properties: this.properties, start: this.start, end: this.end };
  }

  /** The same section `delta` code units further on in the document (see service/shift.ts). */
  moved(delta: number): Section {
    const moved = new Section(this.typeText, this.start + delta, this.idStart + delta, this.idEnd + delta, this.headerEnd + delta, this.table, this.first);
    moved.count = this.count;
    moved.end = this.end + delta;
    moved.idSliced = this.idSliced;
    moved.delta = this.delta + delta;
    moved.origin = this.origin ?? this;
    return moved;
  }
}

(Section.prototype as unknown as { delta: number }).delta = 0;
Section.prototype.origin = undefined;

/** A section-config file (every *.cfg except acl.cfg and node.cfg). */
export interface SectionConfigAst {
  family: 'section-config';
  sections: SectionNode[];
  /** At most MAX_PROBLEMS_PER_FILE (grammar/limits.ts); the others are counted in `overflow`. */
  problems: SyntaxProblem[];
  overflow?: Overflow;
}

/** One `acl:<propagate>:<path>:<ugids>:<roles>` line of acl.cfg. */
export interface AclEntryNode extends Readonly<OffsetRange> {
  readonly propagate: Span;
  readonly path: Span;
  /** Each comma-separated user, token or `@group`, trimmed. */
  readonly ugids: Span[];
  /** Each comma-separated role name, trimmed. */
  readonly roles: Span[];
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
  /** At most MAX_PROBLEMS_PER_FILE (grammar/limits.ts); the others are counted in `overflow`. */
  problems: SyntaxProblem[];
  overflow?: Overflow;
}

/** node.cfg: a leading `#` description block, then `key: value` lines. */
export interface KeyValueAst {
  family: 'key-value';
  /** The leading `#` lines (the node description); text is what follows the `#`. */
  description: Span[];
  properties: PropertyNode[];
  /** At most MAX_PROBLEMS_PER_FILE (grammar/limits.ts); the others are counted in `overflow`. */
  problems: SyntaxProblem[];
  overflow?: Overflow;
}

/** One member of a property string (`key=value,key=value`). */
export interface PropertyStringEntry extends OffsetRange {
  /** Absent for an entry without `key=` (it goes to the schema's default key). */
  key?: Span;
  /** Unescaped value text; for a quoted value the range covers the quotes. */
  value: Span;
}

export interface PropertyStringAst {
  /** At most MAX_PROPERTY_STRING_ENTRIES (grammar/limits.ts); a problem says when there are more. */
  entries: PropertyStringEntry[];
  /** At most MAX_PROBLEMS_PER_VALUE; the others are counted in `overflow`. */
  problems: SyntaxProblem[];
  overflow?: Overflow;
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
