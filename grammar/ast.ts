// The syntax trees every grammar produces. Positions are UTF-16 offsets into the document text
// (what JavaScript strings index by); the service turns them into line/character positions with
// the editor's line rules, so the grammars never need to agree with an editor on what a line is.
import type { Overflow } from './limits.ts';

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
  /** The value's text, as `value.text` but without making the span (validation's clean path). */
  readonly valueText: string;
  /** The whole line without its line break. */
  readonly start: number;
  readonly end: number;
}

/**
 * A section-config property line as a node, made on demand from a {@link PropertyLineTable}:
 * offsets inline, the spans and the value text made when asked for.
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

  get valueText(): string {
    const base = this.base;
    return this.source.slice(this.valueStart - base, this.valueEnd - base);
  }

  get value(): Span {
    return { text: this.valueText, start: this.valueStart, end: this.valueEnd };
  }

  /** The plain shape (what JSON.stringify, logs and tests see). */
  toJSON(): { key: Span; value: Span; start: number; end: number } {
    return { key: this.key, value: this.value, start: this.start, end: this.end };
  }
}

/** One `type: id` section and its property lines. */
export interface SectionNode {
  readonly type: Span;
  readonly id: Span;
  /** The header line without its line break. */
  readonly header: { start: number; end: number };
  /** The property lines as nodes (may be made on each read: read it once per use). */
  readonly properties: PropertyNode[];
  /** The same lines, read without making a node per line (validation, references). */
  readonly lines: PropertyLineList;
  /** From the header to the end of the last property line. */
  readonly start: number;
  readonly end: number;
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

/** Numbers kept per property line: key id, key start, value start, value end, line start, line end. */
const FIELDS = 6;

/**
 * The property lines of one parse, packed: six numbers per line in one Int32Array (the key as an
 * id into the table's distinct key texts, and offsets). A 50k-section user.cfg has 300k property
 * lines; as one object each, copying them between the garbage collector's young spaces while the
 * file was still being parsed cost more than the parse itself. Sections make their lines on
 * demand (young objects that die young, which costs next to nothing).
 */
export class PropertyLineTable {
  private offsets: Int32Array;
  private count = 0;
  /** The distinct key texts, by id. */
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();

  constructor(
    /** The parsed text; the offsets are positions in it. */
    readonly source: string,
    /** The document offset of `source`'s first code unit. */
    readonly base: number,
    /** Room to start with (grown as needed). */
    expectedLines = 256,
  ) {
    this.offsets = new Int32Array(FIELDS * Math.max(16, expectedLines));
  }

  get length(): number {
    return this.count;
  }

  /** Adds a line (offsets in `source`); its index is the `length` before the call. */
  add(key: string, keyStart: number, valueStart: number, valueEnd: number, start: number, end: number): void {
    let id = this.wordIds.get(key);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(key);
      this.wordIds.set(key, id);
    }
    const i = this.count++;
    let o = this.offsets;
    if ((i + 1) * FIELDS > o.length) {
      const grown = new Int32Array(o.length * 2);
      grown.set(o);
      this.offsets = o = grown;
    }
    const at = i * FIELDS;
    o[at] = id;
    o[at + 1] = keyStart;
    o[at + 2] = valueStart;
    o[at + 3] = valueEnd;
    o[at + 4] = start;
    o[at + 5] = end;
  }

  keyText(i: number): string {
    return this.words[this.offsets[i * FIELDS]];
  }

  /** Where line `i`'s key starts in `source` (not in the document). */
  keyStartIn(i: number): number {
    return this.offsets[i * FIELDS + 1];
  }

  /** Every `\r` of `source`, in order (made on first use: one pass over the text). */
  private crs: Int32Array | undefined;

  /** The offsets in `source` of its carriage returns, ascending. */
  carriageReturnsIn(): Int32Array {
    if (this.crs === undefined) {
      const found: number[] = [];
      for (let c = this.source.indexOf('\r'); c >= 0; c = this.source.indexOf('\r', c + 1)) found.push(c);
      this.crs = Int32Array.from(found);
    }
    return this.crs;
  }

  /** Where line `i`'s value starts in `source` (not in the document). */
  valueStartIn(i: number): number {
    return this.offsets[i * FIELDS + 2];
  }

  /** Where line `i`'s value ends in `source` (not in the document). */
  valueEndIn(i: number): number {
    return this.offsets[i * FIELDS + 3];
  }

  valueText(i: number): string {
    const at = i * FIELDS;
    return this.source.slice(this.offsets[at + 2], this.offsets[at + 3]);
  }

  /** Line `i` as a node, `delta` code units further on in the document than it was parsed. */
  line(i: number, delta: number): PropertyLine {
    const o = this.offsets;
    const at = i * FIELDS;
    const base = this.base + delta;
    return new PropertyLine(this.source, base, this.words[o[at]], o[at + 1] + base, o[at + 2] + base, o[at + 3] + base, o[at + 4] + base, o[at + 5] + base);
  }

  /** Drops the spare room of the offsets once the parse is done. */
  trim(): void {
    const used = this.count * FIELDS;
    if (used < this.offsets.length) this.offsets = this.offsets.slice(0, used);
  }
}

/** The first index of the ascending `a` whose value is at least `x` (`a.length` if none). */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
    /** How far the section was moved in the document since it was parsed. */
    private readonly delta: number,
  ) {
    this.end = headerEnd;
  }

  get type(): Span {
    return { text: this.typeText, start: this.start, end: this.start + this.typeText.length };
  }

  /** The id's text, sliced on first use (every edit of a file looks at every id, for duplicates). */
  private idText: string | undefined;

  get id(): Span {
    if (this.idText === undefined) {
      const at = this.table.base + this.delta;
      this.idText = this.table.source.slice(this.idStart - at, this.idEnd - at);
    }
    return { text: this.idText, start: this.idStart, end: this.idEnd };
  }

  get header(): { start: number; end: number } {
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
  toJSON(): { type: Span; id: Span; header: { start: number; end: number }; properties: PropertyNode[]; start: number; end: number } {
    return { type: this.type, id: this.id, header: this.header, properties: this.properties, start: this.start, end: this.end };
  }

  origin: Section | undefined;

  /** The same section `delta` code units further on in the document (see service/shift.ts). */
  moved(delta: number): Section {
    const moved = new Section(
      this.typeText,
      this.start + delta,
      this.idStart + delta,
      this.idEnd + delta,
      this.headerEnd + delta,
      this.table,
      this.first,
      this.delta + delta,
    );
    moved.count = this.count;
    moved.end = this.end + delta;
    moved.idText = this.idText;
    moved.origin = this.origin ?? this;
    return moved;
  }
}

/** A section-config file (every *.cfg except acl.cfg and node.cfg). */
export interface SectionConfigAst {
  family: 'section-config';
  sections: SectionNode[];
  /** At most MAX_PROBLEMS_PER_FILE (grammar/limits.ts); the others are counted in `overflow`. */
  problems: SyntaxProblem[];
  overflow?: Overflow;
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
export interface PropertyStringEntry {
  /** Absent for an entry without `key=` (it goes to the schema's default key). */
  key?: Span;
  /** Unescaped value text; for a quoted value the range covers the quotes. */
  value: Span;
  start: number;
  end: number;
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
