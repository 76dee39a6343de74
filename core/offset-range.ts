// The one shape every position the service hands out has: a stretch of the document text as
// UTF-16 offsets (what JavaScript strings index by), end exclusive. Results that carry more
// (a path, a new text, a kind) extend it; the fronts turn it into their own line/character ranges
// (LineIndex.rangeOf for LSP), so no layer below them knows what a line is to an editor.
export interface OffsetRange {
  /** Offset of the first UTF-16 code unit. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
}
