// Test inputs with inline markers: `<|…|>` marks a range, `<|>` marks a cursor. `marked` strips
// the markers and returns the clean text, the ranges (in the order their `<|` appears; they may
// nest) and the cursor offset, all as offsets into the clean text.

export interface Marked {
  text: string;
  ranges: { start: number; end: number }[];
  cursor?: number;
}

export function marked(src: string): Marked {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  let cursor: number | undefined;
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('<|>', i)) {
      if (cursor !== undefined) throw new Error('marked: more than one cursor <|>');
      cursor = text.length;
      i += 3;
    } else if (src.startsWith('<|', i)) {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
      i += 2;
    } else if (src.startsWith('|>', i) && open.length > 0) {
      ranges[open.pop()!]!.end = text.length;
      i += 2;
    } else {
      text += src[i];
      i++;
    }
  }
  if (open.length > 0) throw new Error('marked: a <| has no closing |>');
  return cursor === undefined ? { text, ranges } : { text, ranges, cursor };
}
