// Completion as an admin types: the cursor `<|>` written into the file, `<|…|>` the text every
// entry replaces, the expected labels in full and in order.
import assert from 'node:assert/strict';
import { completionsAt, type CompletionEntry } from '../../service/completion.ts';
import { marked } from './marked.ts';
import { openAs, pbsTree } from './workspace.ts';

/**
 * The completions at the cursor of `src`, a file of `kind` in a root beside `others` (kind name →
 * text; an entry for `kind` itself is left out). Each entry's replace range must equal the first
 * `<|…|>` of `src` when it has one.
 */
export function completeAt(kind: string, src: string, others: Record<string, string> = {}): CompletionEntry[] {
  const m = marked(src);
  if (m.cursor === undefined) throw new Error('completeAt: the source has no cursor <|>');
  const ws = pbsTree(Object.fromEntries(Object.entries(others).filter(([k]) => k !== kind)));
  const items = completionsAt(openAs(kind, m.text, ws), ws, m.cursor);
  if (m.ranges[0]) for (const i of items) assert.deepEqual({ start: i.start, end: i.end }, m.ranges[0], `range of ${i.label}`);
  return items;
}

/** Asserts the whole list of labels offered at the cursor, in order; returns the entries. */
export function expectCompletions(kind: string, src: string, expected: string[], others: Record<string, string> = {}): CompletionEntry[] {
  const items = completeAt(kind, src, others);
  assert.deepEqual(
    items.map((i) => i.label),
    expected,
  );
  return items;
}
