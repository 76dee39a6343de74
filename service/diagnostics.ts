// diagnose(file, workspace): every problem of one PBS file as LSP diagnostics — what the grammar
// and the schema found in the file itself, plus what needs the whole file (duplicate section
// ids) or its siblings (references to datastores, remotes, users … in other files).
//
// At most `limit` problems (default and ceiling: grammar/limits.ts MAX_PROBLEMS_PER_FILE), the
// first in document order, then one `too-many-problems` problem where the first left out is.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { escapeControls } from '../core/control-chars.ts';
import { CappedList, MAX_PROBLEMS_PER_FILE, addOverflow, mergeOverflow } from '../grammar/limits.ts';
import { ValueProblems, firstProblems, overflowProblem } from '../schema/problem-cap.ts';
import type { Problem, ProblemSink, Severity } from '../schema/problem.ts';
import { jobProblems, overlapHints } from './job-problems.ts';
import { linesOf, type LineIndex } from './line-index.ts';
import { RepeatedIds } from './section-splice.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

export const DIAGNOSTIC_SOURCE = 'pbs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnoseOptions {
  /** The moment "never runs again" and overlaps are judged from (default: now). */
  now?: Date;
  /** The server's IANA zone for job runs (default: this process's, TZ honoured). */
  timeZone?: string;
  /** Hints on heavy jobs of one datastore starting within this many minutes (default: none). */
  overlapWindowMinutes?: number;
  /**
   * The URI of a workspace path, for related locations in other files (default: fileUriOf). The
   * Node server passes node:url's conversion, the Web Worker server its own (its paths are URIs).
   */
  uriOf?: (path: string) => string;
}

/**
 * An absolute path as a `file:` URI, anything else (a URI already) as it is: node:url's
 * pathToFileURL for normalized paths (the same characters escaped), without Node.
 */
export function fileUriOf(path: string): string {
  if (!path.startsWith('/')) return path;
  const url = new URL('file://');
  // (the characters node:url escapes and the pathname setter would leave as they are)
  url.pathname = path.replace(/[%\\\n\r\t[\]~|^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return url.href;
}

/**
 * Every problem of the file, in document order, as offsets: the first `limit` (at most
 * MAX_PROBLEMS_PER_FILE), and when there are more, one closing `too-many-problems` problem.
 */
export function problemsOf(file: WorkspaceFile, workspace: Workspace, limit = MAX_PROBLEMS_PER_FILE, options: DiagnoseOptions = {}): Problem[] {
  const max = Math.max(1, Math.min(Math.floor(limit), MAX_PROBLEMS_PER_FILE));
  const more = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
  const now = options.now ?? new Date();
  duplicateSections(file, workspace, more);
  unresolvedReferences(file, workspace, more);
  jobProblems(file, more, now, options.timeZone);
  if (options.overlapWindowMinutes !== undefined) overlapHints(file, workspace, more, { now, timeZone: options.timeZone, windowMinutes: options.overlapWindowMinutes });
  const all = file.parsed.problems.length <= max ? [...file.parsed.problems] : file.parsed.problems.slice(0, max);
  // the parsed problems beyond `max` are cut here, with their overflow
  let overflow = file.parsed.overflow && { ...file.parsed.overflow };
  for (let i = max; i < file.parsed.problems.length; i++) {
    const p = file.parsed.problems[i];
    overflow = addOverflow(overflow, p.start, p.end, p.severity);
  }
  for (const p of more.items) all.push(p);
  const kept = firstProblems(all, max, mergeOverflow(overflow, more.overflow));
  if (kept.overflow) kept.problems.push(overflowProblem(kept.overflow, max, kept.problems));
  return kept.problems;
}

/** The file's diagnostics: see problemsOf (the server passes its `pbs.limits.maxDiagnostics` and settings). */
export function diagnose(file: WorkspaceFile, workspace: Workspace, lines = linesOf(file), limit = MAX_PROBLEMS_PER_FILE, options: DiagnoseOptions = {}): Diagnostic[] {
  const uris = new Map<string, string>();
  const toUri = options.uriOf ?? fileUriOf;
  const uriOf = (path: string) => uris.get(path) ?? uris.set(path, toUri(path)).get(path)!;
  return problemsOf(file, workspace, limit, options).map((p) => {
    const d = toDiagnostic(p, lines);
    const related = p.related?.flatMap((r) => {
      const other = r.path === file.path ? file : workspace.get(r.path);
      return other ? [{ location: { uri: uriOf(r.path), range: linesOf(other).rangeOf(r) }, message: displayMessage(r.message) }] : [];
    });
    if (related?.length) d.relatedInformation = related;
    return d;
  });
}

/** Longest message shown; longer ones (a value quoted whole) are cut. */
const MAX_MESSAGE = 2000;

/**
 * A message as fronts show it: control characters (C0, DEL, C1: a terminal escape in a quoted
 * value) escaped as everywhere (core/control-chars.ts), never raw; at most MAX_MESSAGE characters.
 */
export function displayMessage(message: string): string {
  const shown = escapeControls(message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) : message);
  if (shown.length <= MAX_MESSAGE && message.length <= MAX_MESSAGE) return shown;
  // cut at a character of the message, so an escape is never cut in two
  let raw = 0;
  let length = 0;
  while (raw < message.length) {
    const next = length + escapeControls(message[raw]).length;
    if (next > MAX_MESSAGE - 1) break;
    length = next;
    raw++;
  }
  return `${escapeControls(message.slice(0, raw))}…`;
}

export function toDiagnostic(p: Problem, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(p),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: displayMessage(p.message),
  };
  if (p.data) d.data = p.data;
  return d;
}

const repeatedIds = new RepeatedIds();

/**
 * PBS keys sections by id in one map per file (across section types): a later section with the
 * same id silently replaces the earlier one (proxmox-section-config, parse()).
 */
function duplicateSections(file: WorkspaceFile, workspace: Workspace, out: ProblemSink): void {
  if (file.parsed.family !== 'section-config') return;
  const sections = file.parsed.ast.sections;
  if (!repeatedIds.any(sections, () => workspace.distinctSectionIds(file))) return;
  const last = new Map<string, number>();
  for (let i = 0; i < sections.length; i++) last.set(sections[i].idText, i);
  sections.forEach((s, i) => {
    const id = s.idText;
    const winner = last.get(id)!;
    if (winner === i || id === '') return;
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
}

/**
 * References whose target file is present but lacks the named object. The references of one list
 * on one line (an acl.cfg user list, a property's value) get one value's share of problems: a
 * line of twenty thousand unknown users is one bad list.
 */
function unresolvedReferences(file: WorkspaceFile, workspace: Workspace, out: CappedList<Problem>): void {
  const text = file.text;
  const perList = file.kind.family !== 'json';
  const list = new ValueProblems().reset(out);
  let listProperty = '';
  let lineEnd = -1; // the end of the line the current list is on
  let stopped = false;
  // A name that needs no look-up (a builtin, or its target file is absent) cannot be unresolved:
  // no reference is made for it, until the file has its share and the next one says so.
  const lookedUp = (targetKind: string, builtins: readonly string[], name: string): boolean =>
    out.full || typeof workspace.lookUpIn(file, targetKind, builtins, name) !== 'string';
  workspace.forEachReference(file, (ref) => {
    if (out.full) {
      out.overflow!.stopped = stopped = true; // the file has its share: the rest is not looked at
      return false;
    }
    if (workspace.resolves(file, ref)) return true;
    if (perList && (ref.property !== listProperty || ref.name.start > lineEnd)) {
      list.close(listProperty);
      list.reset(out);
      listProperty = ref.property;
      lineEnd = text.indexOf('\n', ref.name.start);
      if (lineEnd < 0) lineEnd = text.length;
    }
    const sink: ProblemSink = perList ? list : out;
    if (perList && list.full) {
      list.skip(ref.name.start, ref.name.end, 'unresolved-reference', file.kind.name === 'acl.cfg' ? 'warning' : 'error');
      return true;
    }
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
    const name = ref.name.text.length > 60 ? `${ref.name.text.slice(0, 57)}…` : ref.name.text;
    sink.push({
      start: ref.name.start,
      end: ref.name.end,
      code: 'unresolved-reference',
      severity: ignored ? 'warning' : 'error',
      message: `${where}no ${what} '${name}' in ${ref.target.kind}; ${consequence}.`,
      // (a name of megabytes is not sent whole to the editor)
      data: { property: ref.property, name: ref.name.text.length > 1000 ? name : ref.name.text, targetKind: ref.target.kind },
    });
    return true;
  }, lookedUp);
  if (!stopped) list.close(listProperty);
}

/** "a", "a or b", "a, b or c". */
function oneOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
