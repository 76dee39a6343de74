// Expect-style asserts on problems, over inputs marked with `<|…|>` (test/helpers/marked.ts): the
// whole list is compared, each problem's range, code and severity in order, so a test states
// everything a check reports and nothing is left unasserted.
import assert from 'node:assert/strict';
import type { Problem } from '../../schema/problem.ts';
import { marked } from './marked.ts';

/**
 * The problems `check` finds in `src` (markers stripped, a leading newline dropped so a template
 * literal may start on its own line) must be exactly `expected` ([code, severity] each), the i-th
 * at the i-th marked range. Returns them, for asserts on their wording.
 */
export function expectProblems(src: string, check: (text: string) => readonly Problem[], expected: readonly [code: string, severity: string][]): Problem[] {
  const { text, ranges } = marked(src.replace(/^\n/, ''));
  const problems = [...check(text)];
  assert.deepEqual(
    problems.map((p) => ({ range: { start: p.start, end: p.end }, code: p.code, severity: p.severity })),
    expected.map(([code, severity], i) => ({ range: ranges[i], code, severity })),
    problems.map((p) => `${p.code} ${p.severity}: ${p.message}`).join('\n'),
  );
  return problems;
}

/** The problems `parse` reports in `src` must stand exactly at the marked ranges, in order. Returns the tree. */
export function expectProblemsAt<T extends { problems: readonly { start: number; end: number }[] }>(src: string, parse: (text: string) => T): T {
  const { text, ranges } = marked(src);
  const ast = parse(text);
  assert.deepEqual(
    ast.problems.map((p) => ({ start: p.start, end: p.end })),
    ranges,
  );
  return ast;
}

/** The tree of a test input that must parse without a problem (the test is about what comes after). */
export function parsedClean<T extends { problems: readonly unknown[] }>(ast: T): T {
  assert.deepEqual(ast.problems, [], 'the test input must be syntactically fine');
  return ast;
}
