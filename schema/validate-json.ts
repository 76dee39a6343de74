// A PBS JSON file (token.shadow, shadow.json, tfa.json, ACME accounts, client key files) against its
// kind's JSON Schema. PBS reads these with serde_json: strict JSON, no comments, no trailing commas.
// Syntax errors keep jsonc-parser's exact positions; schema errors point at the offending node.
// No tree is built (schema/json-locate.ts): the value comes from JSON.parse and only the places
// the schema's errors need are looked up, so a big file costs what its value costs.
import type { ErrorObject } from 'ajv';
import { getNodeValue, parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { kindValidator } from './ajv.ts';
import { FORMATS, FORMAT_LABELS, describeChar, formatCode, patternFailureOffset } from './formats/index.ts';
import type { Problem, ProblemSink } from './problem.ts';
import { JSON_TOO_DEEP, tooDeepAt } from '../core/json.ts';
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_VALUE } from '../grammar/limits.ts';
import { JsonLocator, type JsonRange, type JsonSpot } from './json-locate.ts';
import { kindSchema } from './registry.ts';
import { didYouMean, suggest } from './suggest.ts';

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: 'nothing may follow the JSON value',
  InvalidCommentToken: 'JSON has no comments (PBS reads strict JSON)',
  UnexpectedEndOfComment: 'unterminated comment (JSON has no comments)',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/** Every problem PBS would have reading `text` as a file of the JSON `kind`. */
export function validateJsonFile(kind: string, text: string): Problem[] {
  const problems: Problem[] = [];
  validateJsonFileInto(kind, text, problems);
  return problems;
}

/**
 * An array for jsonc-parser's errors that keeps the first `max` (it reports one per bad token, so
 * a line of garbage would be thousands; PBS stops at the first) and counts the rest in `more`.
 */
function cappedErrors(max: number): ParseError[] & { more: number; firstMore: ParseError | undefined } {
  const errors = Object.assign([] as ParseError[], { more: 0, firstMore: undefined as ParseError | undefined });
  errors.push = (...items: ParseError[]) => {
    for (const e of items) {
      if (errors.length < max) Array.prototype.push.call(errors, e);
      else if (errors.more++ === 0) errors.firstMore = e;
    }
    return errors.length;
  };
  return errors;
}

/** The value of JSON text jsonc-parser found no error in. */
function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // where the two parsers disagree on what is valid, jsonc-parser's reading stands
    return getNodeValue(parseTree(text, [], { disallowComments: true, allowTrailingComma: false })!);
  }
}

/**
 * Every problem PBS would have reading `text` as a file of the JSON `kind`, into `problems`.
 * Nesting deeper than serde_json's recursion limit is refused before any recursive step (parser,
 * tree to value, schema) sees the text.
 */
export function validateJsonFileInto(kind: string, text: string, problems: ProblemSink): void {
  const deep = tooDeepAt(text);
  // Past the limit only the text before it is parsed: PBS stops there too.
  const errors = cappedErrors(MAX_PROBLEMS_PER_VALUE);
  visit(deep < 0 ? text : text.slice(0, deep), { onError: (error, offset, length) => errors.push({ error, offset, length }) }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let last: { start: number; end: number } | undefined;
  for (const e of errors) {
    // the cut text ends early: an error at its end is not in the file
    if (deep >= 0 && e.offset >= deep) continue;
    const name = printParseErrorCode(e.error);
    let message = SYNTAX_MESSAGES[name] ?? name;
    let start = e.offset;
    let end = e.offset + e.length;
    // A comma right before `}` / `]` is reported as "value expected" / "property name expected":
    // point at the comma instead.
    if ((name === 'ValueExpected' || name === 'PropertyNameExpected') && /^\s*[}\]]/.test(text.slice(e.offset, e.offset + 200))) {
      let c = e.offset - 1;
      while (c >= 0 && /\s/.test(text[c])) c--;
      if (text[c] === ',') {
        message = 'trailing comma: JSON allows no comma before a closing bracket';
        start = c;
        end = c + 1;
      }
    }
    if (last && last.start === start && last.end === end) continue;
    last = { start, end };
    problems.push({ start, end, code: 'syntax', severity: 'error', message: `${message}; PBS cannot read this file` });
  }
  const first = errors.firstMore;
  if (first !== undefined && (deep < 0 || first.offset < deep)) {
    const n = errors.more;
    problems.push({
      start: first.offset,
      end: first.offset + first.length,
      code: 'syntax',
      severity: 'error',
      message: `… and ${n.toLocaleString('en-US')} more JSON syntax error${n === 1 ? '' : 's'} from here on, not listed (PBS stops at the first one; pbs-tools lists ${MAX_PROBLEMS_PER_VALUE})`,
    });
  }
  if (deep >= 0) {
    problems.push({ start: deep, end: deep + 1, code: 'syntax', severity: 'error', message: `${JSON_TOO_DEEP}; PBS cannot read this file. Remove the extra nesting.` });
    return;
  }
  if (text.trim() === '' && last === undefined) {
    problems.push({ start: 0, end: 0, code: 'syntax', severity: 'error', message: 'the file is empty; PBS expects a JSON value here' });
    return;
  }
  if (last !== undefined || text.trim() === '') return;
  if (!kindSchema(kind)) return;
  const validate = kindValidator(kind);
  if (!validate || validate(jsonValue(text))) return;
  // One pass over the text finds the places of (at most a file's share of) errors.
  const locator = new JsonLocator();
  const shown: ErrorObject[] = [];
  for (const err of relevantErrors(validate.errors ?? [])) {
    if (err.keyword === 'if' || err.keyword === 'then' || err.keyword === 'else') continue;
    if (shown.length > MAX_PROBLEMS_PER_FILE) break;
    shown.push(err);
    const path = pathOf(err.instancePath);
    locator.value(path);
    if (err.propertyName !== undefined) locator.key(path, err.propertyName);
    if (err.keyword === 'additionalProperties') locator.key(path, String((err.params as { additionalProperty: unknown }).additionalProperty));
    const tagged = (err.params as { taggedVariants?: string[] }).taggedVariants;
    if (tagged) for (const key of Object.keys(err.data as object)) locator.key(path, key);
  }
  locator.value([]);
  locator.locate(text);
  for (const err of shown) {
    if (problems.full) return;
    const problem = jsonProblem(locator, err);
    if (problem) problems.push(problem);
  }
}

function depth(instancePath: string): number {
  let n = 0;
  for (let i = 0; i < instancePath.length; i++) if (instancePath.charCodeAt(i) === 47) n++;
  return n;
}

/**
 * A failed `oneOf`/`anyOf` makes ajv report every branch's errors. Keep the branch that got
 * furthest into the value (the one the file evidently meant); when none got past the value
 * itself, keep only the `oneOf` error. ajv pushes a branch's errors right before the `oneOf`
 * error itself, so they are found by looking back from it: linear in the errors, however many
 * entries of a big file fail the same `oneOf`.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  errors.forEach((e, k) => {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') return;
    const prefix = `${e.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (let j = k - 1; j >= 0; j--) {
      const b = errors[j];
      if (!b.schemaPath.startsWith(prefix) || !b.instancePath.startsWith(e.instancePath)) break;
      const branch = b.schemaPath.slice(prefix.length).split('/')[0];
      let list = branches.get(branch);
      if (!list) branches.set(branch, (list = []));
      list.push(b);
    }
    const tagged = taggedVariants(e);
    if (tagged) {
      // serde's externally tagged enum (`{"Scrypt": {…}}`): a value naming one known variant is
      // checked against that variant alone; any other object gets one problem, from the oneOf
      const keys = Object.keys(e.data as object);
      const chosen = keys.length === 1 ? tagged.indexOf(keys[0]) : -1;
      for (const [branch, list] of branches) if (Number(branch) !== chosen) for (const b of list) drop.add(b);
      if (chosen >= 0 && branches.has(String(chosen))) drop.add(e);
      else (e.params as Record<string, unknown>).taggedVariants = tagged.filter((t) => t !== '');
      return;
    }
    let best: ErrorObject[] | undefined;
    let bestDepth = depth(e.instancePath);
    for (const list of branches.values()) {
      let d = -1;
      for (const b of list) d = Math.max(d, depth(b.instancePath) + (b.keyword === 'required' || b.keyword === 'additionalProperties' ? 0.5 : 0));
      if (d > bestDepth) {
        best = list;
        bestDepth = d;
      }
    }
    for (const list of branches.values()) if (list !== best) for (const b of list) drop.add(b);
    if (best) drop.add(e);
  });
  return errors.filter((e) => !drop.has(e));
}

/**
 * The variant names of a `oneOf` over serde externally tagged enum variants — every branch either
 * `null` or an object with exactly one property, required, and nothing else allowed — when the
 * failing value is an object; '' stands for a null branch (kept so indexes match the branches).
 */
function taggedVariants(e: ErrorObject): string[] | undefined {
  if (e.keyword !== 'oneOf' || e.data === null || typeof e.data !== 'object' || Array.isArray(e.data)) return undefined;
  const branches = (e.schema ?? []) as { type?: unknown; required?: unknown; properties?: Record<string, unknown>; additionalProperties?: unknown }[];
  if (!Array.isArray(branches)) return undefined;
  const names: string[] = [];
  for (const b of branches) {
    if (b.type === 'null') {
      names.push('');
      continue;
    }
    const props = Object.keys(b.properties ?? {});
    if (b.type !== 'object' || b.additionalProperties !== false || props.length !== 1 || !Array.isArray(b.required) || b.required[0] !== props[0]) return undefined;
    names.push(props[0]);
  }
  return names.some((n) => n !== '') ? names : undefined;
}

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** `users["root@pam"].totp[0]` for messages. */
function showPath(path: (string | number)[]): string {
  if (path.length === 0) return 'the file';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function jsonProblem(locator: JsonLocator, err: ErrorObject): Problem | undefined {
  const path = pathOf(err.instancePath);
  let node: JsonSpot = locator.value(path) ?? locator.value([]) ?? { offset: 0, length: 0, type: 'null' };
  let where = showPath(path);
  if (err.propertyName !== undefined) {
    // An error about a key (propertyNames): point at the key itself.
    const key = node.type === 'object' ? locator.key(path, err.propertyName) : undefined;
    if (key) node = { ...key, type: 'string' };
    where = `the key ${JSON.stringify(err.propertyName)}${path.length > 0 ? ` in ${where}` : ''}`;
  }
  const params = err.params as Record<string, unknown>;
  const range = (n: JsonRange) => ({ start: n.offset, end: n.offset + n.length });
  const parentSchema = (err.parentSchema ?? {}) as { format?: string; 'x-pbs-secret'?: boolean };
  const secret = parentSchema.format === 'password' || parentSchema['x-pbs-secret'] === true;
  // PBS's JSON files hold keys, salts and password hashes: long strings are not echoed.
  const shown = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    if (typeof v === 'string' && (secret || s.length > 26)) return 'the value';
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  };
  const at = (n: JsonRange, message: string, data?: Record<string, unknown>): Problem => ({
    ...range(n),
    code: 'json-schema',
    severity: 'error',
    message,
    ...(data ? { data } : {}),
  });
  // Containers are marked by their key (or opening bracket), not as a whole.
  const containerMark = (n: JsonSpot): JsonRange => n.key ?? { offset: n.offset, length: 1 };
  switch (err.keyword) {
    case 'required':
      return at(containerMark(node), `${where} lacks the required property '${String(params.missingProperty)}'`);
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const key = node.type === 'object' ? locator.key(path, name) : undefined;
      const known = Object.keys(((err.parentSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
      const suggestion = suggest(name, known);
      return at(key ?? containerMark(node), `${where} has the unknown property '${name}'${didYouMean(suggestion)}; PBS refuses the file`, suggestion !== undefined ? { suggestion } : undefined);
    }
    case 'type':
      return at(node.type === 'object' || node.type === 'array' ? containerMark(node) : node, `${where} must be ${String(params.type)}, not ${node.type}`);
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map((v) => String(v));
      const suggestion = typeof err.data === 'string' ? suggest(err.data, allowed) : undefined;
      return at(node, `${where}: ${shown(err.data)} is not one of ${allowed.join(', ')}${didYouMean(suggestion)}`, suggestion !== undefined ? { suggestion } : undefined);
    }
    case 'const':
      return at(node, `${where} must be ${shown(params.allowedValue)}`);
    case 'format': {
      const format = String(params.format);
      const value = typeof err.data === 'string' ? err.data : undefined;
      const f = value !== undefined ? FORMATS[format]?.(value) : undefined;
      const inner = f && value !== undefined && node.type === 'string' && node.length === value.length + 2 ? { start: node.offset + 1 + f.offset, end: node.offset + 1 + f.offset + f.length } : undefined;
      const subject = err.propertyName !== undefined ? where : `${where}: ${shown(err.data)}`;
      const problem: Problem = { ...at(node, `${subject} is not a valid ${FORMAT_LABELS[format] ?? format}${f ? `: ${f.reason}` : ''}`), code: formatCode(format) };
      if (inner && inner.end > inner.start) Object.assign(problem, inner);
      return problem;
    }
    case 'pattern': {
      const value = typeof err.data === 'string' ? err.data : undefined;
      const i = value !== undefined ? patternFailureOffset(String(params.pattern), value) : undefined;
      const what = i !== undefined && value !== undefined ? `: ${describeChar(value, i)} is not allowed there` : '';
      const problem: Problem = {
        ...at(node, `${err.propertyName !== undefined ? where : `${where}: ${shown(err.data)}`} does not match the pattern ${String(params.pattern)}${what}`),
        code: 'invalid-format',
      };
      if (i !== undefined && value !== undefined && node.type === 'string' && node.length === value.length + 2) {
        problem.start = node.offset + 1 + i;
        problem.end = problem.start + 1;
      }
      return problem;
    }
    case 'minimum':
      return at(node, `${where}: ${shown(err.data)} is below the minimum ${String(params.limit)}`);
    case 'maximum':
      return at(node, `${where}: ${shown(err.data)} is above the maximum ${String(params.limit)}`);
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at(node, `${where}: ${shown(err.data)} must be ${err.keyword === 'exclusiveMinimum' ? 'above' : 'below'} ${String(params.limit)}`);
    case 'minLength':
      return at(node, `${where} is too short: at least ${String(params.limit)} characters`);
    case 'maxLength':
      return at(node, `${where} is too long: at most ${String(params.limit)} characters`);
    case 'minItems':
      return at(containerMark(node), `${where} needs at least ${String(params.limit)} items`);
    case 'maxItems':
      return at(containerMark(node), `${where} has more than ${String(params.limit)} items`);
    case 'minProperties':
      return at(containerMark(node), `${where} needs at least ${String(params.limit)} properties`);
    case 'maxProperties':
      return at(containerMark(node), `${where} has more than ${String(params.limit)} properties`);
    case 'oneOf':
    case 'anyOf': {
      const tagged = params.taggedVariants as string[] | undefined;
      if (tagged) return taggedVariantProblem(locator, path, where, err, tagged, containerMark(node), at);
      return at(node.type === 'object' || node.type === 'array' ? containerMark(node) : node, `${where} matches none of the forms PBS accepts`);
    }
    case 'false schema':
      return at(node.key ?? node, `${where} is not allowed here`);
    case 'propertyNames':
      return undefined; // the nested error names the key
    case 'x-pbs-rust-type':
      return at(node, `${where}: ${shown(err.data)} does not fit ${String(err.schema)}`);
    default:
      return at(node, `${where} fails the schema rule '${err.keyword}'`);
  }
}

/** One problem for an object that names no known variant of a serde enum, or not exactly one. */
function taggedVariantProblem(
  locator: JsonLocator,
  path: (string | number)[],
  where: string,
  err: ErrorObject,
  variants: string[],
  container: JsonRange,
  at: (n: JsonRange, message: string, data?: Record<string, unknown>) => Problem,
): Problem {
  const keys = Object.keys(err.data as object);
  const nullable = ((err.schema ?? []) as { type?: unknown }[]).some((b) => b.type === 'null');
  const expected = `${variants.join(', ')}${nullable ? ' (or null)' : ''}`;
  if (keys.length === 0) return at(container, `${where} names no variant: PBS expects one of ${expected}; PBS refuses the file`);
  if (keys.length > 1) return at(container, `${where} names ${keys.length} variants (${keys.slice(0, 4).join(', ')}): PBS expects exactly one of ${expected}; PBS refuses the file`);
  const name = keys[0];
  const suggestion = suggest(name, variants);
  return at(locator.key(path, name) ?? container, `${where}: unknown variant '${name}', PBS expects one of ${expected}${didYouMean(suggestion)}; PBS refuses the file`, suggestion !== undefined ? { suggestion } : undefined);
}
