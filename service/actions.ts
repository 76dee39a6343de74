// Quick fixes: for each problem in a range, the edits that fix it the way an admin would, each tied
// to the problem it fixes. Only fixes whose result is certain are offered as preferred (the one an
// editor applies on "fix all" / Ctrl+.); a fix that has to guess what was meant (10MB → 10MiB, a
// boolean spelled 'enabled') is offered but not preferred. No fix changes what another line means.
import type { SectionNode } from '../grammar/ast.ts';
import type { Problem } from '../schema/problem.ts';
import { propertySchema } from '../schema/registry.ts';
import { problemsOf } from './diagnostics.ts';
import type { TextEditOffsets } from './formatting.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export interface QuickFix {
  title: string;
  /** The problem this fixes (the front turns it into the diagnostic it belongs to). */
  problem: Problem;
  edits: TextEditOffsets[];
  /** The obvious fix: safe to apply without reading it. */
  preferred: boolean;
}

/** Quick fixes for the problems of `file` that overlap `range` (offsets). */
export function quickFixesAt(file: WorkspaceFile, workspace: Workspace, range: OffsetRange): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const problem of problemsOf(file, workspace)) {
    if (problem.end < range.start || problem.start > range.end) continue;
    for (const fix of fixesFor(file, problem)) fixes.push(fix);
  }
  return fixes;
}

function fixesFor(file: WorkspaceFile, problem: Problem): QuickFix[] {
  const data = problem.data ?? {};
  const text = file.text;
  const fix = (title: string, edits: TextEditOffsets[], preferred: boolean): QuickFix => ({ title, problem, edits, preferred });
  const replace = (newText: string): TextEditOffsets[] => [{ start: problem.start, end: problem.end, newText }];

  switch (problem.code) {
    case 'syntax':
      if (data.rule === 'blank-line-before-header') {
        return [fix('Insert the blank line PBS needs between sections', [{ start: lineStart(text, problem.start), end: lineStart(text, problem.start), newText: '\n' }], true)];
      }
      if (data.rule === 'hash-line') return [fix("Delete this '#' line (PBS has no comments in this file)", [wholeLine(text, problem.start)], true)];
      return [];

    case 'unknown-property': {
      const key = typeof data.property === 'string' ? data.property : undefined;
      if (key?.startsWith('#')) {
        const out = [fix("Delete this '#' line (PBS has no comments in this file)", [wholeLine(text, problem.start)], false)];
        if (data.suggestion === 'comment' && !sectionHas(file, problem.start, 'comment')) {
          const rest = key.slice(1).trim();
          out.unshift(fix("Turn the line into the section's comment property", replace(rest === '' ? 'comment' : `comment ${rest}`), false));
        }
        return out;
      }
      return suggestionFix(problem, fix, replace);
    }

    case 'unknown-section-type':
    case 'invalid-enum':
      return suggestionFix(problem, fix, replace);

    case 'invalid-format':
      // acl.cfg roles carry a suggestion too
      return data.field === 'roles' ? suggestionFix(problem, fix, replace) : [];

    case 'duplicate-property': {
      const key = String(data.property ?? 'property');
      const title = problem.severity === 'error' ? `Remove this repeated '${key}' line (PBS refuses the file)` : `Remove this '${key}' line (PBS ignores it: a later line wins)`;
      return [fix(title, [wholeLine(text, problem.start)], true)];
    }

    case 'missing-required':
      return missingFix(file, problem, fix);

    case 'invalid-value':
      return data.expected === 'boolean' ? booleanFixes(text.slice(problem.start, problem.end), fix, replace) : [];

    case 'suspicious-value':
      if (typeof data.replacement === 'string') return [fix(`Change to '${data.replacement}'`, replace(data.replacement), false)];
      return [];

    default:
      return [];
  }
}

type MakeFix = (title: string, edits: TextEditOffsets[], preferred: boolean) => QuickFix;

function suggestionFix(problem: Problem, fix: MakeFix, replace: (t: string) => TextEditOffsets[]): QuickFix[] {
  const suggestion = problem.data?.suggestion;
  if (typeof suggestion !== 'string' || suggestion === '') return [];
  return [fix(`Change to '${suggestion}'`, replace(suggestion), true)];
}

/** Spellings admins use for booleans that PBS does not accept, and what they mean. */
const TRUE_WORDS = new Set(['y', 't', 'enable', 'enabled', 'active', 'ja', 'oui', 'si']);
const FALSE_WORDS = new Set(['n', 'f', 'disable', 'disabled', 'inactive', 'nein', 'non', 'none']);

function booleanFixes(value: string, fix: MakeFix, replace: (t: string) => TextEditOffsets[]): QuickFix[] {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return [fix("Change to 'true'", replace('true'), true)];
  if (FALSE_WORDS.has(word)) return [fix("Change to 'false'", replace('false'), true)];
  return [fix("Change to 'true'", replace('true'), false), fix("Change to 'false'", replace('false'), false)];
}

/** Adds the missing required keys at the end of the section, each with its default if it has one. */
function missingFix(file: WorkspaceFile, problem: Problem, fix: MakeFix): QuickFix[] {
  const missing = Array.isArray(problem.data?.missing) ? (problem.data.missing as unknown[]).filter((m): m is string => typeof m === 'string') : [];
  if (missing.length === 0) return [];
  const section = sectionAt(file, problem.start);
  const at = section ? section.end : lineEnd(file.text, problem.start);
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  const lines = missing.map((key) => {
    const schema = section ? propertySchema(file.kind.name, section.type.text, key) : undefined;
    const def = schema?.default;
    // An empty value keeps the blank PBS needs after the key: the admin types the value there.
    return `${newline}\t${key} ${def === undefined || typeof def === 'object' ? '' : String(def)}`;
  });
  const title = missing.length === 1 ? `Add the missing property '${missing[0]}'` : `Add the missing properties ${missing.map((m) => `'${m}'`).join(', ')}`;
  return [fix(title, [{ start: at, end: at, newText: lines.join('') }], true)];
}

function sectionAt(file: WorkspaceFile, offset: number): SectionNode | undefined {
  if (file.parsed.family !== 'section-config') return undefined;
  return file.parsed.ast.sections.find((s) => s.start <= offset && offset <= s.end);
}

function sectionHas(file: WorkspaceFile, offset: number, key: string): boolean {
  return sectionAt(file, offset)?.properties.some((p) => p.key.text === key) ?? false;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The whole line around `offset` with its line break (or the one before it, on the last line). */
function wholeLine(text: string, offset: number): TextEditOffsets {
  const start = lineStart(text, offset);
  const nl = text.indexOf('\n', offset);
  if (nl >= 0) return { start, end: nl + 1, newText: '' };
  // last line: take the line break before it instead, so no empty line is left behind
  const before = start > 0 ? start - (start > 1 && text[start - 2] === '\r' ? 2 : 1) : start;
  return { start: before, end: text.length, newText: '' };
}
