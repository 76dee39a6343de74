// A PBS JSON file (token.shadow, shadow.json, tfa.json, ACME accounts, client key files) against its
// kind's JSON Schema. PBS reads these with serde_json: strict JSON, no comments, no trailing commas.
// Syntax errors keep jsonc-parser's exact positions; schema errors point at the offending node.
import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { kindValidator } from './ajv.ts';
import { FORMATS, FORMAT_LABELS, describeChar, formatCode, patternFailureOffset } from './formats.ts';
import type { Problem } from './problem.ts';
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
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  for (const e of errors) {
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
    const last = problems[problems.length - 1];
    if (last && last.start === start && last.end === end) continue;
    problems.push({ start, end, code: 'syntax', severity: 'error', message: `${message}; PBS cannot read this file` });
  }
  if (text.trim() === '' && problems.length === 0) {
    problems.push({ start: 0, end: 0, code: 'syntax', severity: 'error', message: 'the file is empty; PBS expects a JSON value here' });
  }
  if (problems.length > 0 || root === undefined) return problems;
  if (!kindSchema(kind)) return problems;
  const validate = kindValidator(kind);
  if (!validate || validate(getNodeValue(root))) return problems;
  for (const err of relevantErrors(validate.errors ?? [])) {
    if (err.keyword === 'if' || err.keyword === 'then' || err.keyword === 'else') continue;
    const problem = jsonProblem(root, err);
    if (problem) problems.push(problem);
  }
  return problems;
}

function depth(instancePath: string): number {
  let n = 0;
  for (let i = 0; i < instancePath.length; i++) if (instancePath.charCodeAt(i) === 47) n++;
  return n;
}

/**
 * A failed `oneOf`/`anyOf` makes ajv report every branch's errors. Keep the branch that got
 * furthest into the value (the one the file evidently meant); when none got past the value
 * itself, keep only the `oneOf` error.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') continue;
    const prefix = `${e.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const b of errors) {
      if (b === e || !b.schemaPath.startsWith(prefix)) continue;
      const branch = b.schemaPath.slice(prefix.length).split('/')[0];
      let list = branches.get(branch);
      if (!list) branches.set(branch, (list = []));
      list.push(b);
    }
    let best: ErrorObject[] | undefined;
    let bestDepth = depth(e.instancePath);
    for (const list of branches.values()) {
      const d = Math.max(...list.map((b) => depth(b.instancePath) + (b.keyword === 'required' || b.keyword === 'additionalProperties' ? 0.5 : 0)));
      if (d > bestDepth) {
        best = list;
        bestDepth = d;
      }
    }
    for (const list of branches.values()) if (list !== best) for (const b of list) drop.add(b);
    if (best) drop.add(e);
  }
  return errors.filter((e) => !drop.has(e));
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

/** The node for `path`, but for an array element or property whose node is its value. */
function nodeAt(root: Node, path: (string | number)[]): Node | undefined {
  // findNodeAtLocation treats numeric segments as array indexes; object keys that look numeric
  // are therefore looked up by hand.
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.type === 'object') {
      const prop: Node | undefined = node.children?.find((c) => c.children?.[0]?.value === String(seg));
      node = prop?.children?.[1];
    } else if (node.type === 'array' && typeof seg === 'number') {
      node = node.children?.[seg];
    } else {
      return findNodeAtLocation(root, path);
    }
  }
  return node;
}

/** The key node of the property whose value is `node` (to mark `"kdf"` instead of a whole object). */
function keyOf(node: Node): Node | undefined {
  return node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
}

function jsonProblem(root: Node, err: ErrorObject): Problem | undefined {
  const path = pathOf(err.instancePath);
  let node = nodeAt(root, path) ?? root;
  let where = showPath(path);
  if (err.propertyName !== undefined) {
    // An error about a key (propertyNames): point at the key itself.
    const key = node.type === 'object' ? node.children?.find((c) => c.children?.[0]?.value === err.propertyName)?.children?.[0] : undefined;
    if (key) node = key;
    where = `the key ${JSON.stringify(err.propertyName)}${path.length > 0 ? ` in ${where}` : ''}`;
  }
  const params = err.params as Record<string, unknown>;
  const range = (n: Node) => ({ start: n.offset, end: n.offset + n.length });
  const parentSchema = (err.parentSchema ?? {}) as { format?: string; 'x-pbs-secret'?: boolean };
  const secret = parentSchema.format === 'password' || parentSchema['x-pbs-secret'] === true;
  // PBS's JSON files hold keys, salts and password hashes: long strings are not echoed.
  const shown = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    if (typeof v === 'string' && (secret || s.length > 26)) return 'the value';
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  };
  const at = (n: Node, message: string, data?: Record<string, unknown>): Problem => ({
    ...range(n),
    code: 'json-schema',
    severity: 'error',
    message,
    ...(data ? { data } : {}),
  });
  // Containers are marked by their key (or opening bracket), not as a whole.
  const containerMark = (n: Node): Node => keyOf(n) ?? { ...n, length: 1 };
  switch (err.keyword) {
    case 'required':
      return at(containerMark(node), `${where} lacks the required property '${String(params.missingProperty)}'`);
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const prop = node.type === 'object' ? node.children?.find((c) => c.children?.[0]?.value === name) : undefined;
      const known = Object.keys(((err.parentSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
      const suggestion = suggest(name, known);
      return at(prop?.children?.[0] ?? containerMark(node), `${where} has the unknown property '${name}'${didYouMean(suggestion)}; PBS refuses the file`, suggestion !== undefined ? { suggestion } : undefined);
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
    case 'anyOf':
      return at(node.type === 'object' || node.type === 'array' ? containerMark(node) : node, `${where} matches none of the forms PBS accepts`);
    case 'false schema':
      return at(keyOf(node) ?? node, `${where} is not allowed here`);
    case 'propertyNames':
      return undefined; // the nested error names the key
    case 'x-pbs-rust-type':
      return at(node, `${where}: ${shown(err.data)} does not fit ${String(err.schema)}`);
    default:
      return at(node, `${where} fails the schema rule '${err.keyword}'`);
  }
}
