// diagnose(file, workspace): every problem of one PBS file as LSP diagnostics — what the grammar
// and the schema found in the file itself, plus what needs the whole file (duplicate section
// ids) or its siblings (references to datastores, remotes, users … in other files).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Problem, Severity } from '../schema/problem.ts';
import { linesOf, type LineIndex } from './line-index.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

export const DIAGNOSTIC_SOURCE = 'pbs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Every problem of the file, in document order, as offsets. */
export function problemsOf(file: WorkspaceFile, workspace: Workspace): Problem[] {
  const problems = [...file.parsed.problems, ...duplicateSections(file), ...unresolvedReferences(file, workspace)];
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function diagnose(file: WorkspaceFile, workspace: Workspace, lines = linesOf(file)): Diagnostic[] {
  return problemsOf(file, workspace).map((p) => toDiagnostic(p, lines));
}

export function toDiagnostic(p: Problem, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(p.start, p.end),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.data) d.data = p.data;
  return d;
}

/**
 * PBS keys sections by id in one map per file (across section types): a later section with the
 * same id silently replaces the earlier one (proxmox-section-config, parse()).
 */
function duplicateSections(file: WorkspaceFile): Problem[] {
  if (file.parsed.family !== 'section-config') return [];
  const last = new Map<string, number>();
  const sections = file.parsed.ast.sections;
  sections.forEach((s, i) => last.set(s.id.text, i));
  const out: Problem[] = [];
  sections.forEach((s, i) => {
    const winner = last.get(s.id.text)!;
    if (winner === i || s.id.text === '') return;
    const w = sections[winner];
    out.push({
      start: s.id.start,
      end: s.id.end,
      code: 'duplicate-section',
      severity: 'warning',
      message:
        `duplicate section id '${s.id.text}': the ${w.type.text} section with the same id further down replaces this ` +
        `${s.type.text} section; PBS silently keeps only the last one. Rename or remove one of them.`,
      data: { id: s.id.text, laterStart: w.id.start },
    });
  });
  return out;
}

/** References whose target file is present but lacks the named object. */
function unresolvedReferences(file: WorkspaceFile, workspace: Workspace): Problem[] {
  const out: Problem[] = [];
  for (const ref of workspace.references(file)) {
    const resolved = workspace.resolve(file, ref);
    if (resolved === 'builtin' || resolved === 'unchecked' || resolved.length > 0) continue;
    const what = ref.target.sectionTypes.length ? oneOf(ref.target.sectionTypes) : 'object';
    // PBS checks none of these when it reads a file (formats.md §5). A job or a target pointing at
    // a missing object fails when it is used; an ACL entry or a stored secret for one is dead
    // weight that PBS silently ignores.
    const ignored = file.kind.name === 'acl.cfg' || file.kind.family === 'json';
    const consequence = ignored
      ? file.kind.family === 'json'
        ? 'PBS ignores this entry (left over after the object was removed?)'
        : 'this ACL entry has no effect'
      : 'PBS accepts the file, but using it fails (a job fails when it runs)';
    const where = ref.property === '(key)' ? '' : `${ref.property}: `;
    out.push({
      start: ref.name.start,
      end: ref.name.end,
      code: 'unresolved-reference',
      severity: ignored ? 'warning' : 'error',
      message: `${where}no ${what} '${ref.name.text}' in ${ref.target.kind}; ${consequence}.`,
      data: { property: ref.property, name: ref.name.text, targetKind: ref.target.kind },
    });
  }
  return out;
}

/** "a", "a or b", "a, b or c". */
function oneOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
