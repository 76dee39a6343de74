// Offsets ↔ line/character positions with the editor's line rules (LSP: `\n`, `\r\n` and a lone
// `\r` all end a line; characters are UTF-16 code units). The grammars work in offsets only.
import type { OffsetRange } from '../core/offset-range.ts';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset at which each line starts, as far as the text has been read (see `readTo`). */
  private readonly starts: number[] = [0];
  /** How far the text has been searched for line breaks: every line starting before it is in `starts`. */
  private scanned = 0;
  private nextLf: number;
  private nextCr: number;

  constructor(private readonly text: string) {
    // indexOf flattens a concatenated (cons) string once and scans natively; a charCodeAt loop
    // over an editor's freshly patched text is several times slower.
    this.nextLf = text.indexOf('\n');
    this.nextCr = text.indexOf('\r');
  }

  /**
   * Finds the line starts up to `offset` (and the whole text for Infinity). Lazily: a file's
   * diagnostics are its first problems, mostly near the top; a 10k-section file need not be read
   * to its end for them on every edit.
   */
  private readTo(offset: number): void {
    const { text, starts } = this;
    let nextLf = this.nextLf;
    let nextCr = this.nextCr;
    while (this.scanned <= offset) {
      let brk: number;
      let width = 1;
      if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
        brk = nextCr;
        if (nextLf === nextCr + 1) width = 2;
      } else if (nextLf >= 0) brk = nextLf;
      else {
        this.scanned = Infinity;
        break;
      }
      const next = brk + width;
      starts.push(next);
      this.scanned = next;
      if (nextLf >= 0 && nextLf < next) nextLf = text.indexOf('\n', next);
      if (nextCr >= 0 && nextCr < next) nextCr = text.indexOf('\r', next);
    }
    this.nextLf = nextLf;
    this.nextCr = nextCr;
  }

  get lineCount(): number {
    this.readTo(Infinity);
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    this.readTo(o);
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
    while (this.starts.length <= position.line + 1 && this.scanned !== Infinity) this.readTo(this.scanned);
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    // Never step into the line break itself.
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** The LSP range of an offset range: the one conversion every front uses. */
  rangeOf(range: OffsetRange): Range {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
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
