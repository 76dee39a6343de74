// Parses and validates one PBS file into a ParsedFile: its syntax tree (by family) and every
// problem the grammar and the schema find in it on their own (no other file involved).
//
// Section-config files are kept per block (a run of non-blank lines: PBS's parser is in the same
// state at every blank line, so blocks parse independently). A new version of the text re-parses
// only the blocks whose text is new; the others are reused, moved if their offset changed.
import type { AclAst, KeyValueAst, SectionConfigAst, SectionNode, SyntaxProblem, SyntaxRule } from '../grammar/ast.ts';
import { parseSectionConfig, splitSectionBlocks } from '../grammar/section-config.ts';
import { parseAcl } from '../grammar/acl.ts';
import { parseNodeConfig } from '../grammar/node-config.ts';
import type { FileKind } from '../schema/file-kinds.ts';
import type { Problem } from '../schema/problem.ts';
import { validateSection } from '../schema/validate-section.ts';
import { validateAclEntry } from '../schema/validate-acl.ts';
import { validateNodeConfig } from '../schema/validate-node-config.ts';
import { validateJsonFile } from '../schema/validate-json.ts';
import { shifted } from './shift.ts';

export type ParsedFile =
  | { family: 'section-config'; kind: FileKind; ast: SectionConfigAst; problems: Problem[] }
  | { family: 'acl'; kind: FileKind; ast: AclAst; problems: Problem[] }
  | { family: 'key-value'; kind: FileKind; ast: KeyValueAst; problems: Problem[] }
  | { family: 'json'; kind: FileKind; problems: Problem[] };

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

/**
 * The parsed state of one document, updated version by version. Holds the blocks of the last
 * version only, so memory stays proportional to the document.
 */
export class FileModel {
  /** The blocks of the previous version, indexed once the document is edited. */
  private blocks: Map<string, Block> | undefined;
  private previous: { text: string; sections: SectionNode[]; problems: Problem[] } | undefined;
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
        const problems = ast.problems.map(syntaxProblem);
        for (const e of ast.entries) validateAclEntry(e, problems);
        return { family: 'acl', kind, ast, problems };
      }
      case 'key-value': {
        const ast = parseNodeConfig(text);
        return { family: 'key-value', kind, ast, problems: [...ast.problems.map(syntaxProblem), ...validateNodeConfig(ast)] };
      }
      case 'json':
        return { family: 'json', kind, problems: validateJsonFile(kind.name, text) };
    }
  }

  private parseSections(text: string): ParsedFile {
    if (this.previous === undefined) {
      // First version: parse it whole. Most files are read once (the CLI, files beside an open
      // one), so the per-block bookkeeping waits for the first edit. No copy of the text: the
      // caller holds it anyway (the editor's document, the file read), and after edits only the
      // blocks still unchanged since this version keep it alive, never more than this one version.
      const ast = parseSectionConfig(text);
      const problems = ast.problems.map(syntaxProblem);
      for (const section of ast.sections) for (const p of validateSection(this.kind.name, section)) problems.push(p);
      problems.sort(byOffset);
      this.previous = { text, sections: ast.sections, problems };
      return { family: 'section-config', kind: this.kind, ast, problems };
    }
    if (!this.blocks) this.blocks = indexBlocks(this.previous.text, this.previous.sections, this.previous.problems);

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
    // Parse each run of new blocks in one go.
    for (let i = 0; i < ranges.length; i++) {
      if (blocks[i]) continue;
      let j = i;
      while (j + 1 < ranges.length && !blocks[j + 1]) j++;
      const runStart = ranges[i].start;
      const ast = parseSectionConfig(flatCopy(text.slice(runStart, ranges[j].end)), runStart);
      const problems = ast.problems.map(syntaxProblem);
      for (const section of ast.sections) for (const p of validateSection(this.kind.name, section)) problems.push(p);
      problems.sort(byOffset);
      const run = bucket(ranges.slice(i, j + 1), ast.sections, problems);
      for (let b = i; b <= j; b++) blocks[b] = run[b - i];
      i = j;
    }

    const sections: SectionNode[] = [];
    const problems: Problem[] = [];
    const syntax: SyntaxProblem[] = [];
    for (let i = 0; i < ranges.length; i++) {
      const block = blocks[i]!;
      next.set(blockTexts[i], block);
      for (const s of block.sections) sections.push(s);
      for (const pr of block.problems) {
        problems.push(pr);
        if (pr.code === 'syntax') syntax.push(pr.data?.rule !== undefined ? { start: pr.start, end: pr.end, message: pr.message, rule: pr.data.rule as SyntaxRule } : { start: pr.start, end: pr.end, message: pr.message });
      }
    }
    this.blocks = next;
    this.previous = { text, sections, problems };
    return { family: 'section-config', kind: this.kind, ast: { family: 'section-config', sections, problems: syntax }, problems };
  }
}

function byOffset(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

/** The blocks of a parsed text, keyed by their text, for reuse by the next version. */
function indexBlocks(text: string, sections: SectionNode[], problems: Problem[]): Map<string, Block> {
  const ranges = splitSectionBlocks(text);
  const blocks = bucket(ranges, sections, problems);
  const map = new Map<string, Block>();
  ranges.forEach((r, i) => map.set(text.slice(r.start, r.end), blocks[i]));
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
