// What completion answers with (entries over offsets), the line around the cursor, and the key
// entries every file family offers (section keys, node.cfg keys, property-string members).
import type { PbsSchema } from '../schema/registry.ts';
import { typeSummary } from './hover-keys.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type CompletionKind = 'keyword' | 'property' | 'value' | 'reference' | 'snippet' | 'enum';

/** The range is the text the entry replaces. */
export interface CompletionEntry extends OffsetRange {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` is an LSP snippet (`${1:name}` placeholders). */
  isSnippet: boolean;
  sortText?: string;
}

/** The range is the line without its break; `cursor` the cursor's offset in it. */
export interface Line extends OffsetRange {
  text: string;
  cursor: number;
  /** The line's text up to the cursor. */
  before: string;
}

export function lineAround(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { text: text.slice(start, end), start, cursor: offset, end, before: text.slice(start, offset) };
}

/** End of the run of characters not in `stops` from `from`. */
export function wordEnd(text: string, from: number, stops: RegExp): number {
  let i = from;
  while (i < text.length && !stops.test(text[i])) i++;
  return i;
}

/** A sort key: `i` with leading zeros. */
export function pad(i: number): string {
  return String(i).padStart(4, '0');
}

/** Keys of `owner` not yet in `present` (repeatable keys always), with their docs. */
export function keyItems(owner: PbsSchema, present: Set<string>, idProperty: unknown, start: number, end: number, after: string): CompletionEntry[] {
  const props = owner.properties ?? {};
  const required = new Set(owner.required ?? []);
  const since = (owner['x-pbs-since'] ?? {}) as Record<string, string>;
  const out: CompletionEntry[] = [];
  Object.keys(props).forEach((key, i) => {
    const s = props[key];
    if (key === idProperty || s === (false as unknown)) return;
    const repeatable = s.type === 'array' && !s['x-pbs-list'];
    if (present.has(key) && !repeatable) return;
    const deprecated = typeof s['x-pbs-deprecated'] === 'string';
    const doc = [deprecated ? `**Deprecated:** ${s['x-pbs-deprecated']}` : '', s.description ?? '', Object.hasOwn(since, key) ? `Since ${since[key]}.` : '']
      .filter(Boolean)
      .join('\n\n');
    out.push({
      label: key,
      kind: 'property',
      detail: `${typeSummary(s)}${required.has(key) ? ' (required)' : ''}${deprecated ? ' (deprecated)' : ''}`,
      documentation: doc,
      insertText: `${key}${after}`,
      isSnippet: false,
      start,
      end,
      sortText: `${required.has(key) ? 0 : deprecated ? 9 : 1}${pad(i)}`,
    });
  });
  return out;
}
