// The parsed state of one section-config document, updated version by version: an edit re-parses
// only the blocks it touched and re-checks only the sections it touched.
//
// A block is a run of non-blank lines (PBS's parser is in the same state at every blank line, so
// blocks parse independently). A new version is compared with the last one (longest common prefix
// and suffix, found by binary search on slices: a native compare, not a loop); blocks before the
// change are kept where they are, blocks after it are moved, and only the lines between are split
// and parsed again.
//
// Checks are kept per section (a section's checks read that section only), in the order they were
// made, so replaying them gives exactly what checking again gives. A file keeps at most
// MAX_PROBLEMS_PER_FILE problems (grammar/limits.ts): sections are checked in order until the
// checks have their share; the section where that happens is checked again on every version (its
// result depends on the room left), the ones after it are not checked until the room comes back.
import type { SectionConfigAst, SectionNode, SyntaxProblem, SyntaxRule } from '../grammar/ast.ts';
import { CappedList, MAX_PROBLEMS_PER_FILE, mergeOverflow, type Overflow } from '../grammar/limits.ts';
import { parseSectionConfig, splitSectionBlocks } from '../grammar/section-config.ts';
import type { Problem } from '../schema/problem.ts';
import { validateSectionInto } from '../schema/validate-section.ts';
import { fileProblems, syntaxProblem } from './file-problems.ts';
import { shifted } from './shift.ts';
import { recordSplice } from './section-splice.ts';
import type { OffsetRange } from '../core/offset-range.ts';

/** What the checks of one section found, in the order they found it; undefined: not checked yet. */
type SectionChecks = readonly Problem[] | undefined;
const NONE: readonly Problem[] = Object.freeze([]);

/** One block of a section-config text, with everything found in it. */
interface Block extends OffsetRange {
  sections: SectionNode[];
  /** The grammar's problems in the block, in the grammar's order. */
  syntax: Problem[];
  /** Per section of `sections`. */
  checks: SectionChecks[];
  /** The grammar's own cap left out problems from this block on: never reused. */
  incomplete?: boolean;
  /** On the first incomplete block of a parse: what the grammar left out. */
  syntaxOverflow?: Overflow;
}

export interface SectionParse {
  ast: SectionConfigAst;
  /** At most MAX_PROBLEMS_PER_FILE, in document order. */
  problems: Problem[];
  overflow?: Overflow;
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. The AST's span texts
 * are slices of the parsed text; if that were a slice of the whole document, every reused block
 * would keep that version of the whole document alive, and each edit would add one.
 */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

export class SectionModel {
  /** The last version: its text, and its blocks (made at the first edit: most texts are read once). */
  private last: { text: string; sections: SectionNode[]; blocks: Block[] | undefined; whole: Block | undefined } | undefined;

  constructor(private readonly kind: string) {}

  update(text: string): SectionParse {
    const last = this.last;
    if (last === undefined) {
      // First version: parse it whole. Most files are read once (the CLI, files beside an open
      // one), so the per-block bookkeeping waits for the first edit. No copy of the text: the
      // caller holds it anyway, and after edits only the blocks still unchanged since this version
      // keep it alive, never more than this one version.
      const ast = parseSectionConfig(text);
      const whole: Block = { start: 0, end: text.length, sections: ast.sections, syntax: ast.problems.map(syntaxProblem), checks: new Array<SectionChecks>(ast.sections.length), syntaxOverflow: ast.overflow };
      const found = this.assemble([whole]);
      this.last = { text, sections: ast.sections, blocks: undefined, whole };
      return { ast, ...found };
    }
    const old = last.blocks ?? splitIntoBlocks(last.text, last.whole!);
    const { blocks, tail } = this.reparse(last.text, old, text);
    const found = this.assemble(blocks);
    const sections: SectionNode[] = [];
    // The sections of the leading blocks the edit left as they were, and of the trailing ones it
    // kept (moved or not): what lies between is new.
    let from = -1;
    let tailSections = 0;
    for (let b = 0; b < blocks.length; b++) {
      if (from < 0 && blocks[b] !== old[b]) from = sections.length;
      if (b === blocks.length - tail) tailSections = -sections.length;
      for (const s of blocks[b].sections) sections.push(s);
    }
    if (from < 0) from = sections.length;
    if (tail > 0) tailSections += sections.length;
    const kept = Math.min(tailSections, sections.length - from, last.sections.length - from);
    recordSplice(sections, { previous: last.sections, from, removed: last.sections.length - from - kept, inserted: sections.length - from - kept, delta: text.length - last.text.length });
    this.last = { text, sections, blocks, whole: undefined };
    const syntax: SyntaxProblem[] = [];
    for (const p of found.problems) {
      if (p.code === 'syntax') syntax.push(p.data?.rule !== undefined ? { start: p.start, end: p.end, message: p.message, rule: p.data.rule as SyntaxRule } : { start: p.start, end: p.end, message: p.message });
    }
    return { ast: { family: 'section-config', sections, problems: syntax }, ...found };
  }

  /**
   * The blocks of `text`, reusing those of the last version (`previous`, its `old` blocks) the
   * edit left alone; `tail`: how many of the last blocks are the last of `old`, kept (moved or not).
   */
  private reparse(previous: string, old: Block[], text: string): { blocks: Block[]; tail: number } {
    const prefix = commonPrefix(previous, text);
    const suffix = commonSuffix(previous, text, Math.min(previous.length, text.length) - prefix);
    const delta = text.length - previous.length;
    const changedEnd = previous.length - suffix; // the changed part: [prefix, changedEnd) of the last version
    const newChangedEnd = text.length - suffix; // … and [prefix, newChangedEnd) of this one
    const out: Block[] = [];
    // Where the text not yet covered by `out` starts in this version, and whether old blocks were
    // dropped since: that stretch is split and parsed again, as is one the change lies in.
    let from = 0;
    let dropped = false;
    let tail = 0;
    const fill = (to: number) => {
      if (dropped || (from <= newChangedEnd && to >= prefix)) {
        const before = out.length;
        this.parseBetween(text, from, to, out);
        if (dropped || out.length > before) tail = 0;
      }
      dropped = false;
    };
    for (let i = 0; i < old.length; i++) {
      const b = old[i];
      // Before the change: its lines and the blank line after it are unchanged.
      const before = !b.incomplete && i + 1 < old.length && old[i + 1].start <= prefix;
      // After the change: the blank line before it and everything after are unchanged. (A block
      // starting with a BOM reads differently at offset 0: never move one.)
      const after = !before && !b.incomplete && i > 0 && old[i - 1].end >= changedEnd && (delta === 0 || previous.charCodeAt(b.start) !== 0xfeff);
      if (!before && !after) {
        dropped = true;
        continue;
      }
      const kept = after && delta !== 0 ? moved(b, delta) : b;
      fill(kept.start);
      out.push(kept);
      tail++;
      from = kept.end;
    }
    fill(text.length);
    return { blocks: out, tail };
  }

  /** Splits and parses the text between two kept blocks (all of it is new or changed). */
  private parseBetween(text: string, from: number, to: number, out: Block[]): void {
    const ranges = splitSectionBlocks(text, from, to);
    if (ranges.length === 0) return;
    const runStart = ranges[0].start;
    const ast = parseSectionConfig(flatCopy(text.slice(runStart, ranges[ranges.length - 1].end)), runStart);
    const blocks = bucket(ranges, ast.sections, ast.problems.map(syntaxProblem), ast.overflow);
    for (const b of blocks) out.push(b);
  }

  /**
   * The file's problems from its blocks: every syntax problem, and the checks of each section in
   * order until they have their share (a section checked before is replayed when it fits).
   */
  private assemble(blocks: Block[]): { problems: Problem[]; overflow?: Overflow } {
    const kind = this.kind;
    const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
    const all: Problem[] = [];
    let overflow: Overflow | undefined;
    for (const b of blocks) {
      for (const p of b.syntax) all.push(p);
      if (b.syntaxOverflow) overflow = mergeOverflow(overflow, b.syntaxOverflow);
      for (let i = 0; i < b.sections.length; i++) {
        if (checks.full) break;
        const known = b.checks[i];
        if (known !== undefined && known.length <= MAX_PROBLEMS_PER_FILE - checks.items.length) {
          for (const p of known) checks.items.push(p);
          continue;
        }
        const before = checks.items.length;
        validateSectionInto(kind, b.sections[i], checks);
        // Unless the cap cut it short, what the section pushed is all it has (and stays so).
        if (!checks.full) b.checks[i] = checks.items.length === before ? NONE : checks.items.slice(before);
      }
    }
    return fileProblems(all, overflow, checks);
  }
}

/** The blocks of a text parsed whole (`whole`: its sections, problems and checks). */
function splitIntoBlocks(text: string, whole: Block): Block[] {
  const ranges = splitSectionBlocks(text);
  const blocks = bucket(ranges, whole.sections, whole.syntax, whole.syntaxOverflow);
  // the checks made so far, by section
  let s = 0;
  for (const b of blocks) for (let i = 0; i < b.sections.length; i++) b.checks[i] = whole.checks[s++];
  return blocks;
}

/**
 * Sorts sections and syntax problems (in the grammar's order) into the blocks they fall in; the
 * blocks from the first problem the grammar left out on are incomplete.
 */
function bucket(ranges: OffsetRange[], sections: SectionNode[], syntax: Problem[], overflow: Overflow | undefined): Block[] {
  const out: Block[] = ranges.map((r) => ({ start: r.start, end: r.end, sections: [], syntax: [], checks: [] }));
  let s = 0;
  let p = 0;
  let flagged = false;
  for (let b = 0; b < ranges.length; b++) {
    // Everything before the start of block b + 1 not in an earlier block belongs to b (a problem
    // can only fall between blocks if the grammar reported one on a blank line; never lose it).
    const end = b + 1 < ranges.length ? ranges[b + 1].start : Infinity;
    const block = out[b];
    while (s < sections.length && sections[s].start < end) {
      block.sections.push(sections[s++]);
      block.checks.push(undefined);
    }
    while (p < syntax.length && syntax[p].start < end) block.syntax.push(syntax[p++]);
    if (overflow && overflow.start < end) {
      block.incomplete = true;
      if (!flagged) block.syntaxOverflow = overflow;
      flagged = true;
    }
  }
  return out;
}

/** A kept block `delta` code units further on. */
function moved(b: Block, delta: number): Block {
  return {
    start: b.start + delta,
    end: b.end + delta,
    sections: shifted(b.sections, delta),
    syntax: shifted(b.syntax, delta),
    checks: b.checks.map((c) => (c === undefined || c.length === 0 ? c : shifted(c, delta))),
  };
}

/** The length of the longest common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  // (comparing slices is a native compare of flat strings; `lo` code units are known equal)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The length of the longest common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
