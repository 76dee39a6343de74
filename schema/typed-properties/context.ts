// One validation run: where its problems go and which section it checks; and the words every
// message uses for a value (quoted, shortened, control characters escaped as everywhere:
// core/control-chars.ts).
import { escapeControls, quoted } from '../../core/control-chars.ts';
import type { DiagnosticCode, Problem, ProblemSink, Severity } from '../problem.ts';

export interface Context {
  /** Where problems go; once it is `full`, checking stops (the file has its share). */
  problems: ProblemSink;
  /** The section being checked (type and id), or undefined for node.cfg. */
  sectionType?: string;
  sectionId?: string;
}

/** "the datastore section 'store1'" / "node.cfg": what PBS cannot load or use (built only for messages). */
export function owner(ctx: Context): string {
  return ctx.sectionType === undefined ? 'node.cfg' : `the ${ctx.sectionType} section '${ctx.sectionId ?? ''}'`;
}

export function report(ctx: Context, range: { start: number; end: number }, code: DiagnosticCode, severity: Severity, message: string, data?: Record<string, unknown>): void {
  const p: Problem = { start: range.start, end: range.end, code, severity, message };
  if (data) p.data = data;
  ctx.problems.push(p);
}

/** A string value quoted for a message, at most 60 characters shown. */
export function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return quoted(shown);
}

/** How a value is shown in a message: `keep-last: 0`, `comment: 'x'`, `tuning: chunk-order=foo`. */
export function subject(label: string, member: string | undefined, value: unknown): string {
  if (member !== undefined) return `${label}: ${member}=${typeof value === 'string' ? escapeControls(value) : JSON.stringify(value)}`;
  if (typeof value === 'string') return `${label}: ${quote(value)}`;
  return `${label}: ${JSON.stringify(value)}`;
}
