// Where a typed value came from: the span of a line's value, a list's items, a property string's
// members (only built as far as the value has structure), so that ajv's errors about the typed
// object can be put back on the text.
import type { PropertyNode, Span } from '../../grammar/ast.ts';
import type { PbsSchema } from '../registry.ts';

export interface LocList {
  k: 'list';
  whole: Span;
  items: Span[];
  /** Some items did not convert (they are left out, so counts are not checked). */
  partial: boolean;
}
export interface LocMember {
  key: Span | undefined;
  value: Span;
  loc: Loc;
}
export interface LocPs {
  k: 'ps';
  whole: Span;
  members: Record<string, LocMember>;
  /** The property string's schema, for messages about its if/then/else rules. */
  schema: PbsSchema;
  /** Members that are there but did not convert (so they are not also "missing"). */
  failed: Set<string> | undefined;
}
export interface LocRepeated {
  k: 'rep';
  items: Loc[];
  lines: PropertyNode[];
}
export type Loc = Span | LocList | LocPs | LocRepeated;

export function isSpan(loc: Loc): loc is Span {
  return (loc as { k?: string }).k === undefined;
}

export function wholeSpan(loc: Loc): Span {
  if (isSpan(loc)) return loc;
  if (loc.k === 'rep') return wholeSpan(loc.items[0]);
  return loc.whole;
}

/** Source offset of position `i` inside the (unescaped) text of a value at `span`. */
export function innerRange(span: Span, offset: number, length: number): { start: number; end: number } {
  const direct = span.end - span.start === span.text.length;
  const quotedPlain = span.end - span.start === span.text.length + 2;
  if (!direct && !quotedPlain) return { start: span.start, end: span.end };
  const base = span.start + (direct ? 0 : 1);
  const start = Math.min(base + offset, base + span.text.length);
  const end = Math.min(start + Math.max(length, 0), base + span.text.length);
  return { start, end };
}
