// A file's problems as a parse keeps them: the grammar's and the checks', the first
// MAX_PROBLEMS_PER_FILE in document order, the rest counted in one overflow.
import type { SyntaxProblem } from '../grammar/ast.ts';
import { MAX_PROBLEMS_PER_FILE, mergeOverflow, type CappedList, type Overflow } from '../grammar/limits.ts';
import type { Problem } from '../schema/problem.ts';
import { firstProblems } from '../schema/problem-cap.ts';

export function syntaxProblem(p: SyntaxProblem): Problem {
  const problem: Problem = { start: p.start, end: p.end, code: 'syntax', severity: 'error', message: p.message };
  if (p.rule !== undefined) problem.data = { rule: p.rule };
  return problem;
}

/**
 * The grammar's problems (`syntax`, with what its cap left out) and the checks' (`checks`), cut to
 * a file's share. The checks stop once their sink is full, so what follows was never looked at.
 */
export function fileProblems(syntax: Problem[], syntaxOverflow: Overflow | undefined, checks: CappedList<Problem>): { problems: Problem[]; overflow?: Overflow } {
  if (checks.overflow) checks.overflow.stopped = true;
  for (const p of checks.items) syntax.push(p);
  const { problems, overflow } = firstProblems(syntax, MAX_PROBLEMS_PER_FILE, mergeOverflow(syntaxOverflow, checks.overflow));
  return overflow ? { problems, overflow } : { problems };
}
