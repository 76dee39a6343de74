// The bounds of the engine's work and output, whatever the input (DESIGN.md: "a cap on every
// read, on nesting, on problems per value and per file"). What pbs-tools reports must grow with
// what a file means (its lines, sections, entries), never with its length in characters: a value
// of two million commas is one bad value, not two million problems.
//
// One place for each number; the grammars, the schema layer and the service all read them here
// (grammar/ is the lowest layer of the engine, so this file imports nothing).

/** Problems kept for one file; the rest are counted into one closing "… and N more" problem. */
export const MAX_PROBLEMS_PER_FILE = 10_000;

/**
 * Problems listed for one value (a property string, a list, an acl.cfg user or role list);
 * the rest are counted into one closing problem on that value.
 */
export const MAX_PROBLEMS_PER_VALUE = 10;

/**
 * Entries read from one property string. No PBS property string has more than a handful of
 * members (the most: 7, datastore `tuning` and `notification-thresholds`), and PBS refuses a
 * member given twice, so a value with more entries than this is refused by PBS whatever they are.
 */
export const MAX_PROPERTY_STRING_ENTRIES = 256;

/** Items converted from one list value (`scopes`, `export-slots`, …); the rest are not checked. */
export const MAX_LIST_ITEMS = 10_000;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Problems left out at a cap. */
export interface Overflow {
  /** How many were left out (with `stopped`: at least this many). */
  count: number;
  /** The range and severity of the first one left out, in document order. */
  start: number;
  end: number;
  firstSeverity: Severity;
  /** The end of the last one left out. */
  last: number;
  /** The worst severity among them. */
  severity: Severity;
  /** Checking stopped at the cap: more may follow that were never looked at. */
  stopped?: boolean;
}

/** `o` with `count` more problems at start..end of `severity` added. */
export function addOverflow(o: Overflow | undefined, start: number, end: number, severity: Severity, count = 1): Overflow {
  if (o === undefined) return { count, start, end, firstSeverity: severity, last: end, severity };
  o.count += count;
  if (start < o.start || (start === o.start && end < o.end)) {
    o.start = start;
    o.end = end;
    o.firstSeverity = severity;
  }
  if (end > o.last) o.last = end;
  if (RANK[severity] < RANK[o.severity]) o.severity = severity;
  return o;
}

/** Both overflows in one (either may be undefined). */
export function mergeOverflow(a: Overflow | undefined, b: Overflow | undefined): Overflow | undefined {
  if (b === undefined) return a;
  const merged = addOverflow(a === undefined ? undefined : { ...a }, b.start, b.end, b.firstSeverity, b.count);
  if (RANK[b.severity] < RANK[merged.severity]) merged.severity = b.severity;
  if (b.last > merged.last) merged.last = b.last;
  if (b.stopped) merged.stopped = true;
  return merged;
}

/**
 * A list that keeps the first `max` items pushed and only counts the others. `full` turns true
 * once one was left out: a producer may then stop looking for more.
 */
export class CappedList<T extends { start: number; end: number; severity?: Severity }> {
  overflow: Overflow | undefined;

  constructor(
    readonly max: number,
    readonly items: T[] = [],
  ) {}

  push(item: T): void {
    if (this.items.length < this.max) this.items.push(item);
    else this.overflow = addOverflow(this.overflow, item.start, item.end, item.severity ?? 'error');
  }

  /** Something was left out. */
  get full(): boolean {
    return this.overflow !== undefined;
  }
}

/** The worse of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}
