// The per-value cap on problems (grammar/limits.ts MAX_PROBLEMS_PER_VALUE): a value of two
// million commas is one bad value with a handful of problems listed and one closing problem that
// counts the rest, not two million problems.
import { MAX_PROBLEMS_PER_VALUE, addOverflow, mergeOverflow, worse, type Overflow } from '../grammar/limits.ts';
import type { DiagnosticCode, Problem, ProblemSink } from './problem.ts';

/**
 * A sink for the problems of one value: passes the first `max` on to `out`, counts the others,
 * and `close` adds one problem for those. Reusable: `reset` starts the next value.
 */
export class ValueProblems implements ProblemSink {
  private out: ProblemSink = [];
  private kept = 0;
  private left: Overflow | undefined;
  private leftCode: DiagnosticCode = 'invalid-value';

  constructor(private readonly max = MAX_PROBLEMS_PER_VALUE) {}

  reset(out: ProblemSink): this {
    this.out = out;
    this.kept = 0;
    this.left = undefined;
    return this;
  }

  push(p: Problem): void {
    if (this.kept < this.max) {
      this.kept++;
      this.out.push(p);
      return;
    }
    if (this.left === undefined) this.leftCode = p.code;
    this.left = addOverflow(this.left, p.start, p.end, p.severity);
  }

  /** The value has its share: more problems of it are only counted (build no message for them). */
  get full(): boolean {
    return this.kept >= this.max;
  }

  /** Counts one problem left out without building it (once `full`: no message to make). */
  skip(start: number, end: number, code: DiagnosticCode, severity: Problem['severity'] = 'error'): void {
    if (this.left === undefined) this.leftCode = code;
    this.left = addOverflow(this.left, start, end, severity);
  }

  /** Counts problems of this value left out before they got here (a grammar's own cap). */
  leftOut(o: Overflow, code: DiagnosticCode): void {
    if (this.left === undefined) this.leftCode = code;
    this.left = mergeOverflow(this.left, o);
  }

  /** One closing problem for the ones left out of `label`'s value, from the first of them on. */
  close(label: string): void {
    const left = this.left;
    this.left = undefined;
    if (left === undefined) return;
    this.out.push({
      start: left.start,
      end: left.last,
      code: this.leftCode,
      severity: left.severity,
      message:
        `${label}: … and ${left.count.toLocaleString('en-US')} more problem${left.count === 1 ? '' : 's'} in this value from here on, ` +
        `not listed (pbs-tools lists the first ${this.max} of a value); fix the ones listed first`,
      data: { property: label, more: left.count },
    });
  }
}

function byOffset(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * One file's problems in document order, cut to the first `max`; whatever was cut joins
 * `overflow` (a new object: the one given is not changed).
 */
export function firstProblems(problems: Problem[], max: number, overflow: Overflow | undefined): { problems: Problem[]; overflow: Overflow | undefined } {
  problems.sort(byOffset);
  let o = overflow && { ...overflow };
  if (problems.length > max) {
    for (let i = max; i < problems.length; i++) o = addOverflow(o, problems[i].start, problems[i].end, problems[i].severity);
    problems.length = max;
  }
  return { problems, overflow: o };
}

/**
 * The closing problem of a file with more problems than are listed, where the first one left out
 * is. When checking stopped at the cap, what lies beyond was never looked at: no count, and the
 * severity is the worst of what is listed and the first one left out (the same for a fresh parse
 * and an edited one, which may have looked further).
 */
export function overflowProblem(o: Overflow, max: number, listed: readonly Problem[]): Problem {
  const cap = `pbs-tools lists at most ${max.toLocaleString('en-US')} problems per file`;
  let severity = o.severity;
  if (o.stopped) {
    severity = o.firstSeverity;
    for (const p of listed) severity = worse(severity, p.severity);
  }
  const more = o.stopped
    ? `… and more problems in this file from here on, not listed: ${cap} and stops checking there`
    : `… and ${o.count.toLocaleString('en-US')} more problem${o.count === 1 ? '' : 's'} in this file from here on, not listed: ${cap}`;
  const problem: Problem = { start: o.start, end: o.end, code: 'too-many-problems', severity, message: `${more}. Fix the ones listed and check again.` };
  if (!o.stopped) problem.data = { more: o.count };
  return problem;
}
