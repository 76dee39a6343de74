// Offsets ↔ line/character positions with the editor's line rules (LSP: `\n`, `\r\n` and a lone
// `\r` all end a line; characters are UTF-16 code units). The grammars work in offsets only.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset at which each line starts. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    // indexOf flattens a concatenated (cons) string once and scans natively; a charCodeAt loop
    // over an editor's freshly patched text is several times slower.
    const starts = [0];
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    for (;;) {
      let brk: number;
      let width = 1;
      if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
        brk = nextCr;
        if (nextLf === nextCr + 1) width = 2;
      } else if (nextLf >= 0) brk = nextLf;
      else break;
      const next = brk + width;
      starts.push(next);
      if (nextLf >= 0 && nextLf < next) nextLf = text.indexOf('\n', next);
      if (nextCr >= 0 && nextCr < next) nextCr = text.indexOf('\r', next);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    // Never step into the line break itself.
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

const INDEXES = new WeakMap<object, LineIndex>();

/**
 * The line index of one version of a file's text, built once: the workspace keeps the same file
 * object while its text is unchanged, so every request on that version shares it.
 */
export function linesOf(file: { text: string }): LineIndex {
  let index = INDEXES.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    INDEXES.set(file, index);
  }
  return index;
}
