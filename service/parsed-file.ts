// Parses and validates one PBS file into a ParsedFile: its syntax tree (by family) and every
// problem the grammar and the schema find in it on their own (no other file involved).
//
// Section-config files are kept per block (a run of non-blank lines: PBS's parser is in the same
// state at every blank line, so blocks parse independently). A new version of the text re-parses
// only the blocks whose text is new; the others are reused, moved if their offset changed.
//
// A file keeps at most MAX_PROBLEMS_PER_FILE problems (grammar/limits.ts), the first in document
// order; the rest are counted in `overflow` (checking stops once the checks have their share).
// A block whose problems were not all kept is never reused: its problems may show once the ones
// before it are fixed.
import type { AclAst, KeyValueAst, SectionConfigAst, SectionNode, SyntaxProblem, SyntaxRule } from '../grammar/ast.ts';
import { CappedList, MAX_PROBLEMS_PER_FILE, mergeOverflow, type Overflow } from '../grammar/limits.ts';
import { parseSectionConfig, splitSectionBlocks } from '../grammar/section-config.ts';
import { parseAcl } from '../grammar/acl.ts';
import { parseNodeConfig } from '../grammar/node-config.ts';
import type { FileKind } from '../schema/file-kinds.ts';
import type { Problem } from '../schema/problem.ts';
import { firstProblems } from '../schema/problem-cap.ts';
import { validateSectionInto } from '../schema/validate-section.ts';
import { validateAclEntryInto } from '../schema/validate-acl.ts';
import { validateNodeConfigInto } from '../schema/validate-node-config.ts';
import { validateJsonFileInto } from '../schema/validate-json.ts';
import { shifted } from './shift.ts';

/** `problems`: at most MAX_PROBLEMS_PER_FILE, in document order; `overflow`: those left out. */
export type ParsedFile = (
  | { family: 'section-config'; kind: FileKind; ast: SectionConfigAst }
  | { family: 'acl'; kind: FileKind; ast: AclAst }
  | { family: 'key-value'; kind: FileKind; ast: KeyValueAst }
  | { family: 'json'; kind: FileKind }
) & { problems: Problem[]; overflow?: Overflow };

export function syntaxProblem(p: SyntaxProblem): Problem {
  const problem: Problem = { start: p.start, end: p.end, code: 'syntax', severity: 'error', message: p.message };
  if (p.rule !== undefined) problem.data = { rule: p.rule };
  return problem;
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. The AST's span texts
 * are slices of the parsed text; if that were a slice of the whole document, every reused block
 * would keep that version of the whole document alive, and each edit would add one.
 */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

/** One block of a section-config file with everything found in it, at `start`. */
interface Block {
  start: number;
  sections: SectionNode[];
  problems: Problem[];
}

/** The problems of a parse: its syntax problems and its checks' problems, cut to a file's share. */
function fileProblems(syntax: { problems: SyntaxProblem[]; overflow?: Overflow }, checks: CappedList<Problem>): { problems: Problem[]; overflow?: Overflow } {
  // Checks stop once their sink is full: what follows was never looked at.
  if (checks.overflow) checks.overflow.stopped = true;
  const all = syntax.problems.map(syntaxProblem);
  for (const p of checks.items) all.push(p);
  const { problems, overflow } = firstProblems(all, MAX_PROBLEMS_PER_FILE, mergeOverflow(syntax.overflow, checks.overflow));
  return overflow ? { problems, overflow } : { problems };
}

/**
 * A section-config text's problems: syntax, then each section until the checks have their share;
 * `checks`: how many the checks found (more than MAX_PROBLEMS_PER_FILE: they stopped).
 */
function sectionProblems(kind: string, ast: SectionConfigAst): { problems: Problem[]; overflow?: Overflow; checks: number } {
  const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
  for (const section of ast.sections) {
    if (checks.full) break;
    validateSectionInto(kind, section, checks);
  }
  return { ...fileProblems(ast, checks), checks: checks.items.length + (checks.overflow?.count ?? 0) };
}

/**
 * The parsed state of one document, updated version by version. Holds the blocks of the last
 * version only, so memory stays proportional to the document.
 */
export class FileModel {
  /** The blocks of the previous version, indexed once the document is edited. */
  private blocks: Map<string, Block> | undefined;
  private previous: { text: string; sections: SectionNode[]; problems: Problem[]; overflow: Overflow | undefined } | undefined;
  private current: ParsedFile | undefined;

  constructor(readonly kind: FileKind) {}

  get parsed(): ParsedFile | undefined {
    return this.current;
  }

  update(text: string): ParsedFile {
    this.current = this.parse(text);
    return this.current;
  }

  private parse(text: string): ParsedFile {
    const kind = this.kind;
    switch (kind.family) {
      case 'section-config':
        return this.parseSections(text);
      case 'acl': {
        const ast = parseAcl(text);
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        for (const e of ast.entries) {
          if (checks.full) break;
          validateAclEntryInto(e, checks);
        }
        return { family: 'acl', kind, ast, ...fileProblems(ast, checks) };
      }
      case 'key-value': {
        const ast = parseNodeConfig(text);
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        validateNodeConfigInto(ast, checks);
        return { family: 'key-value', kind, ast, ...fileProblems(ast, checks) };
      }
      case 'json': {
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        validateJsonFileInto(kind.name, text, checks);
        return { family: 'json', kind, ...fileProblems({ problems: [] }, checks) };
      }
    }
  }

  private parseSections(text: string): ParsedFile {
    if (this.previous === undefined) {
      // First version: parse it whole. Most files are read once (the CLI, files beside an open
      // one), so the per-block bookkeeping waits for the first edit. No copy of the text: the
      // caller holds it anyway (the editor's document, the file read), and after edits only the
      // blocks still unchanged since this version keep it alive, never more than this one version.
      const ast = parseSectionConfig(text);
      const { problems, overflow } = sectionProblems(this.kind.name, ast);
      this.previous = { text, sections: ast.sections, problems, overflow };
      return overflow ? { family: 'section-config', kind: this.kind, ast, problems, overflow } : { family: 'section-config', kind: this.kind, ast, problems };
    }
    if (!this.blocks) this.blocks = indexBlocks(this.previous.text, this.previous.sections, this.previous.problems, this.previous.overflow);

    const ranges = splitSectionBlocks(text);
    const next = new Map<string, Block>();
    const blocks: (Block | undefined)[] = new Array(ranges.length);
    const blockTexts = ranges.map((r) => text.slice(r.start, r.end));

    // Reuse what is unchanged.
    for (let i = 0; i < ranges.length; i++) {
      // A block starting with a BOM reads differently at offset 0 (the BOM problem) than
      // elsewhere: never move one.
      if (blockTexts[i].charCodeAt(0) === 0xfeff) continue;
      const cached = this.blocks.get(blockTexts[i]);
      if (!cached) continue;
      const delta = ranges[i].start - cached.start;
      blocks[i] = delta === 0 ? cached : { ...shifted(cached, delta), start: ranges[i].start };
    }
    // Parse each run of new blocks in one go. Count what the checks find in the whole text: past
    // MAX_PROBLEMS_PER_FILE a fresh parse stops checking, and this version must say the same.
    let overflow: Overflow | undefined;
    let checks = 0;
    for (let i = 0; i < ranges.length; i++) {
      if (blocks[i]) {
        for (const p of blocks[i]!.problems) if (p.code !== 'syntax') checks++;
        continue;
      }
      let j = i;
      while (j + 1 < ranges.length && !blocks[j + 1]) j++;
      const runStart = ranges[i].start;
      const ast = parseSectionConfig(flatCopy(text.slice(runStart, ranges[j].end)), runStart);
      const found = sectionProblems(this.kind.name, ast);
      overflow = mergeOverflow(overflow, found.overflow);
      checks += found.checks;
      const run = bucket(ranges.slice(i, j + 1), ast.sections, found.problems);
      for (let b = i; b <= j; b++) blocks[b] = run[b - i];
      i = j;
    }

    const sections: SectionNode[] = [];
    const all: Problem[] = [];
    for (let i = 0; i < ranges.length; i++) {
      const block = blocks[i]!;
      for (const s of block.sections) sections.push(s);
      for (const pr of block.problems) all.push(pr);
    }
    const kept = firstProblems(all, MAX_PROBLEMS_PER_FILE, overflow);
    const problems = kept.problems;
    overflow = kept.overflow;
    if (overflow && checks > MAX_PROBLEMS_PER_FILE) overflow.stopped = true;
    const syntax: SyntaxProblem[] = [];
    for (const pr of problems) {
      if (pr.code === 'syntax') syntax.push(pr.data?.rule !== undefined ? { start: pr.start, end: pr.end, message: pr.message, rule: pr.data.rule as SyntaxRule } : { start: pr.start, end: pr.end, message: pr.message });
    }
    // Only blocks whose problems were all kept are reused.
    for (let i = 0; i < ranges.length; i++) if (complete(ranges, i, overflow)) next.set(blockTexts[i], blocks[i]!);
    this.blocks = next;
    this.previous = { text, sections, problems, overflow };
    const ast: SectionConfigAst = { family: 'section-config', sections, problems: syntax };
    return overflow ? { family: 'section-config', kind: this.kind, ast, problems, overflow } : { family: 'section-config', kind: this.kind, ast, problems };
  }
}

/**
 * Whether block `i` holds all its problems: every problem left out lies at or after
 * `overflow.start`, and a block holds the problems up to the next block's start.
 */
function complete(ranges: { start: number }[], i: number, overflow: Overflow | undefined): boolean {
  return overflow === undefined || (i + 1 < ranges.length && ranges[i + 1].start <= overflow.start);
}

/** The blocks of a parsed text, keyed by their text, for reuse by the next version. */
function indexBlocks(text: string, sections: SectionNode[], problems: Problem[], overflow: Overflow | undefined): Map<string, Block> {
  const ranges = splitSectionBlocks(text);
  const blocks = bucket(ranges, sections, problems);
  const map = new Map<string, Block>();
  ranges.forEach((r, i) => {
    if (complete(ranges, i, overflow)) map.set(text.slice(r.start, r.end), blocks[i]);
  });
  return map;
}

/** Sorts sections and (offset-sorted) problems into the blocks they fall in. */
function bucket(ranges: { start: number; end: number }[], sections: SectionNode[], problems: Problem[]): Block[] {
  const out: Block[] = ranges.map((r) => ({ start: r.start, sections: [], problems: [] }));
  let s = 0;
  let p = 0;
  for (let b = 0; b < ranges.length; b++) {
    // Everything before the end of block b that is not in an earlier block belongs to it (a
    // problem can only fall between blocks if the grammar reported one on a blank line; never
    // lose it).
    const end = b + 1 < ranges.length ? ranges[b + 1].start : Infinity;
    while (s < sections.length && sections[s].start < end) out[b].sections.push(sections[s++]);
    while (p < problems.length && problems[p].start < end) out[b].problems.push(problems[p++]);
  }
  return out;
}
