// The property lines of a section-config parse, packed into one table (PropertyLineTable), and the
// node a line becomes when asked for (PropertyLine). grammar/ast.ts's Section reads its lines here.
import type { PropertyNode, Span } from './ast.ts';

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

  /** The id of a key text (given it on first sight). */
  keyId(key: string): number {
    let id = this.wordIds.get(key);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(key);
      this.wordIds.set(key, id);
    }
    return id;
  }

  /** Adds a line (its key's `keyId`, offsets in `source`); its index is the `length` before the call. */
  add(keyId: number, keyStart: number, valueStart: number, valueEnd: number, start: number, end: number): void {
    const i = this.count++;
    let o = this.offsets;
    if ((i + 1) * FIELDS > o.length) {
      const grown = new Int32Array(o.length * 2);
      grown.set(o);
      this.offsets = o = grown;
    }
    const at = i * FIELDS;
    o[at] = keyId;
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

  /**
   * Drops the spare room of the offsets once the parse is done, when there is much: a copy of
   * the used part (7 MB for a 50k-section user.cfg, whose room was guessed within a few percent)
   * costs more than a quarter of spare room keeps.
   */
  trim(): void {
    const used = this.count * FIELDS;
    if (used < this.offsets.length * 0.75) this.offsets = this.offsets.slice(0, used);
  }
}

/** The first index of the ascending `a` whose value is at least `x` (`a.length` if none). */
export function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
