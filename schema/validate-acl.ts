// One acl.cfg line against the acl.cfg data (formats.md §1.3): roles and user/token ids are what
// PBS itself checks when it reads the file (a bad one makes PBS refuse the whole file); the path is
// only checked by PBS's API (acl-path format and the path tree of `x-pbs-acl-paths`), so a path
// outside the tree is read fine but never applies: a warning.
import type { AclEntryNode, Span } from '../grammar/ast.ts';
import { FORMATS } from './formats/index.ts';
import type { Problem, ProblemSink } from './problem.ts';
import { ValueProblems } from './problem-cap.ts';
import { kindSchema, type PbsSchema } from './registry.ts';
import { didYouMean, suggest } from './suggest.ts';

/** One component of an `x-pbs-acl-paths` template: a literal, `{name}` or `{name…}` (0..7 components). */
interface PathToken {
  literal?: string;
  rest?: boolean;
}

export interface AclRules {
  roles: Set<string>;
  roleNames: string[];
  ugidFormat: string | undefined;
  pathMaxLength: number | undefined;
  templates: PathToken[][];
}

let rules: AclRules | undefined;

/** The acl.cfg rules from the data, read once. */
export function aclRules(): AclRules {
  if (rules) return rules;
  const schema = kindSchema('acl.cfg');
  const fields = (schema?.['x-pbs-fields'] ?? {}) as Record<string, PbsSchema>;
  const roleNames = (fields.roles?.items?.enum ?? []).map(String);
  const templates: PathToken[][] = [];
  for (const t of (schema?.['x-pbs-acl-paths'] ?? []) as { path: string }[]) {
    templates.push(
      t.path
        .split('/')
        .filter((c) => c !== '')
        .map((c) => (c.startsWith('{') ? { rest: c.includes('…') || c.includes('...') } : { literal: c })),
    );
  }
  rules = {
    roles: new Set(roleNames),
    roleNames,
    ugidFormat: fields.ugid?.items?.format,
    pathMaxLength: fields.path?.maxLength,
    templates,
  };
  return rules;
}

/** At most this many components for a `{name…}` template part (namespace depth below a store). */
const MAX_REST = 7;

/** Every problem with one `acl:…` line. */
export function validateAclEntry(entry: AclEntryNode): Problem[] {
  const problems: Problem[] = [];
  validateAclEntryInto(entry, problems);
  return problems;
}

/** The shown text of an item: a long one is cut, so a message stays a message. */
function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The share of one list's problems (one instance: an acl.cfg has a list per line). */
const itemProblems = new ValueProblems();

/**
 * Every problem with one `acl:…` line, into `problems`; the user list and the role list each get
 * their share (grammar/limits.ts MAX_PROBLEMS_PER_VALUE: a list of two million commas is one bad
 * list, not two million problems).
 */
export function validateAclEntryInto(entry: AclEntryNode, problems: ProblemSink): void {
  const r = aclRules();
  // The propagate flag (0/1) is checked by the grammar: PBS refuses other values while reading.
  checkPath(entry.path, r, problems);
  const check = r.ugidFormat !== undefined ? FORMATS[r.ugidFormat] : undefined;
  const list = itemProblems.reset(problems);
  // items are visited without making spans (grammar/ast.ts AclEntryNode.eachItem)
  entry.eachItem('ugids', (text, start, end) => {
    if (text.startsWith('@')) return; // groups: PBS does not check their names
    const f = check?.(text);
    if (!f) return;
    if (list.full) return list.skip(start, end, 'invalid-format');
    const inner = f.length > 0 && f.offset + f.length <= text.length;
    list.push({
      start: inner ? start + f.offset : start,
      end: inner ? start + f.offset + f.length : end,
      code: 'invalid-format',
      severity: 'error',
      // PBS parses each entry as an Authid while reading the file (realm length included).
      message: `'${shown(text)}' is not a valid user or token id: ${f.reason}; PBS refuses the file`,
      data: { field: 'ugid' },
    });
  });
  list.close('user list');
  list.reset(problems);
  entry.eachItem('roles', (text, start, end) => {
    if (r.roles.has(text)) return;
    if (list.full) return list.skip(start, end, 'invalid-enum');
    const suggestion = suggest(text, r.roleNames);
    list.push({
      start,
      end,
      code: 'invalid-enum',
      severity: 'error',
      message: `unknown role '${shown(text)}'${didYouMean(suggestion)}; PBS refuses the file (roles: ${r.roleNames.join(', ')})`,
      data: suggestion !== undefined ? { field: 'roles', suggestion } : { field: 'roles' },
    });
  });
  list.close('role list');
}

function pathWarning(start: number, end: number, message: string): Problem {
  return { start, end, code: 'invalid-format', severity: 'warning', message: `${message}; PBS reads the file, but this entry never applies (the API only accepts valid paths)`, data: { field: 'path' } };
}

/** Path texts already found valid (acl.cfg repeats paths a lot); cleared when it grows large. */
const validPaths = new Set<string>();

function checkPath(path: Span, r: AclRules, problems: ProblemSink): void {
  const text = path.text;
  if (validPaths.has(text)) return;
  let found = false;
  checkPathUncached(path, r, {
    push: (p) => {
      found = true;
      problems.push(p);
    },
  });
  if (!found) {
    if (validPaths.size >= 10_000) validPaths.clear();
    validPaths.add(text);
  }
}

function checkPathUncached(path: Span, r: AclRules, problems: ProblemSink): void {
  const text = path.text;
  // Components with their offsets; PBS drops empty components (`//datastore/x/` = `/datastore/x`).
  const comps: { text: string; start: number }[] = [];
  const max = r.pathMaxLength ?? Infinity;
  let length = 0; // of the normalized path: '/' before each component
  let i = 0;
  while (i <= text.length) {
    const slash = text.indexOf('/', i);
    const end = slash < 0 ? text.length : slash;
    if (end > i) {
      comps.push({ text: text.slice(i, end), start: path.start + i });
      length += 1 + end - i;
      // a long path is not taken apart further: its length is the problem
      if (length > max) break;
    }
    if (slash < 0) break;
    i = slash + 1;
  }
  if (length > max) {
    problems.push(pathWarning(path.start, path.end, `ACL path is more than ${max} characters long (without empty components), at most ${max} are allowed`));
    return;
  }
  const normalized = comps.length === 0 ? '/' : `/${comps.map((c) => c.text).join('/')}`;
  for (const c of comps) {
    const f = FORMATS['safe-id'](c.text);
    if (f) {
      problems.push(pathWarning(c.start + f.offset, c.start + f.offset + Math.max(f.length, 1), `ACL path component '${c.text}': ${f.reason}`));
      return;
    }
  }
  if (r.templates.length === 0) return;
  // Deepest template match: how many components some template accepts.
  let best = 0;
  for (const t of r.templates) {
    const n = matchTemplate(t, comps);
    if (n === comps.length) return;
    if (n > best) best = n;
  }
  const bad = comps[best];
  const expected = new Set<string>();
  let deeper = false;
  for (const t of r.templates) {
    if (matchTemplate(t, comps.slice(0, best)) !== best) continue;
    const tok = tokenAt(t, best);
    if (tok?.literal !== undefined) expected.add(tok.literal);
    else if (tok !== undefined) deeper = true;
  }
  const prefix = `/${comps
    .slice(0, best)
    .map((c) => c.text)
    .join('/')}`;
  const suggestion = suggest(bad.text, expected);
  const message =
    expected.size > 0 && !deeper
      ? `ACL path '${normalized}': '${bad.text}' is not a valid component after '${best === 0 ? '/' : prefix}' (expected ${[...expected].join(', ')})${didYouMean(suggestion)}`
      : `ACL path '${normalized}': '${best === 0 ? '/' : prefix}' has no sub-path '${bad.text}'`;
  problems.push(pathWarning(bad.start, bad.start + bad.text.length, message));
}

/** The template token that would match component `index`, if the template reaches that far. */
function tokenAt(t: PathToken[], index: number): PathToken | undefined {
  if (index < t.length) return t[index];
  const last = t[t.length - 1];
  return last?.rest && index < t.length - 1 + MAX_REST ? last : undefined;
}

/** How many leading components of `comps` the template accepts (a prefix of a template is valid). */
function matchTemplate(t: PathToken[], comps: { text: string }[]): number {
  let n = 0;
  for (; n < comps.length; n++) {
    const tok = tokenAt(t, n);
    if (tok === undefined) return n;
    if (tok.literal !== undefined && tok.literal !== comps[n].text) return n;
  }
  return n;
}
