// Checking and extracting command arguments (CLI options, LSP workspace/executeCommand arguments)
// with messages a person can act on, in the style of PBS's pbs-tools json helpers
// ("missing parameter 'path'"), and a JSON parser whose errors say where, never what.

/** A parameter is missing or has the wrong type or range. `param` names it. */
export class ParameterError extends Error {
  override name = 'ParameterError';
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, unknown>;

/** The arguments as an object: a plain JSON object, or the first element of an argument array. */
export function asParams(value: unknown): Params {
  const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ParameterError(`parameters must be an object like {"name": value}, got ${describeType(v)}`, '');
  }
  return v as Params;
}

function present(params: Params, name: string): boolean {
  return Object.hasOwn(params, name) && params[name] !== undefined && params[name] !== null;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

export function requiredString(params: Params, name: string): string {
  if (!present(params, name)) throw new ParameterError(`missing parameter '${name}'`, name);
  return optionalString(params, name)!;
}

export function optionalString(params: Params, name: string): string | undefined {
  if (!present(params, name)) return undefined;
  const v = params[name];
  if (typeof v !== 'string') throw new ParameterError(`parameter '${name}' must be a string, got ${describeType(v)}`, name);
  return v;
}

export interface IntegerRange {
  min?: number;
  max?: number;
}

function rangeText({ min, max }: IntegerRange): string {
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min !== undefined) return `an integer of at least ${min}`;
  if (max !== undefined) return `an integer of at most ${max}`;
  return 'an integer';
}

/** An integer, given as a JSON number or as decimal text (what a command line passes). */
export function requiredInteger(params: Params, name: string, range: IntegerRange = {}): number {
  if (!present(params, name)) throw new ParameterError(`missing parameter '${name}'`, name);
  return optionalInteger(params, name, range)!;
}

export function optionalInteger(params: Params, name: string, range: IntegerRange = {}, fallback?: number): number | undefined {
  if (!present(params, name)) return fallback;
  const v = params[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN;
  const ok = Number.isSafeInteger(n) && (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);
  if (!ok) {
    const got = typeof v === 'string' || typeof v === 'number' ? `'${String(v)}'` : describeType(v);
    throw new ParameterError(`parameter '${name}' must be ${rangeText(range)}, got ${got}`, name);
  }
  return n;
}

export function optionalBoolean(params: Params, name: string, fallback?: boolean): boolean | undefined {
  if (!present(params, name)) return fallback;
  const v = params[name];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ParameterError(`parameter '${name}' must be true or false, got ${typeof v === 'string' ? `'${v}'` : describeType(v)}`, name);
}

export function requiredEnum<T extends string>(params: Params, name: string, values: readonly T[]): T {
  if (!present(params, name)) throw new ParameterError(`missing parameter '${name}' (one of ${values.join(', ')})`, name);
  return optionalEnum(params, name, values)!;
}

export function optionalEnum<T extends string>(params: Params, name: string, values: readonly T[], fallback?: T): T | undefined {
  if (!present(params, name)) return fallback;
  const v = params[name];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    const got = typeof v === 'string' ? `'${v}'` : describeType(v);
    throw new ParameterError(`parameter '${name}' must be one of ${values.join(', ')}, got ${got}`, name);
  }
  return v as T;
}

export function requiredStringArray(params: Params, name: string, { minItems = 0 }: { minItems?: number } = {}): string[] {
  if (!present(params, name)) throw new ParameterError(`missing parameter '${name}'`, name);
  const v = params[name];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new ParameterError(`parameter '${name}' must be an array of strings, got ${describeType(v)}`, name);
  }
  if (v.length < minItems) throw new ParameterError(`parameter '${name}' needs at least ${minItems} item${minItems === 1 ? '' : 's'}`, name);
  return v as string[];
}

// ---------------------------------------------------------------------------------------------
// JSON text with located errors

/** A JSON syntax error: where (0-based offset, 1-based line and column) and what kind. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`malformed JSON at line ${line}, column ${column}: ${reason}`);
  }
}

/**
 * Parses JSON text. On a syntax error the message gives the position and the kind of mistake but
 * never quotes the text: key files hold secrets, and V8's own messages quote the input.
 * `rejectDuplicateKeys` reports a key given twice in one object (serde does so for struct fields).
 */
export function parseJson(text: string, { rejectDuplicateKeys = false }: { rejectDuplicateKeys?: boolean } = {}): unknown {
  const problem = checkJsonSyntax(text, rejectDuplicateKeys);
  if (problem) {
    const { line, column } = lineColumn(text, problem.offset);
    throw new JsonSyntaxError(problem.reason, problem.offset, line, column);
  }
  return JSON.parse(text) as unknown;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

interface JsonProblem {
  offset: number;
  reason: string;
}

/**
 * How deep PBS's JSON reader lets arrays and objects nest: serde_json's recursion limit counts
 * each '[' and '{' against 128 and fails when it reaches 0 (serde_json src/de.rs,
 * check_recursion!: "recursion limit exceeded"), so 127 levels read and the 128th is refused.
 */
export const JSON_MAX_NESTING = 127;

export const JSON_TOO_DEEP = `recursion limit exceeded: PBS's JSON reader (serde_json) allows arrays and objects nested at most ${JSON_MAX_NESTING} levels deep`;

/**
 * Offset of the first '[' or '{' (outside strings) that opens level `max + 1`, or -1: a scan
 * without recursion, to run before any recursive parser sees the text.
 */
export function tooDeepAt(text: string, max = JSON_MAX_NESTING): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: to its closing quote (an escape hides the next character)
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

/** A recursive-descent check of RFC 8259 syntax; returns the first problem, or undefined. */
function checkJsonSyntax(text: string, rejectDuplicateKeys: boolean): JsonProblem | undefined {
  let i = 0;
  const n = text.length;
  class Fail {
    constructor(readonly p: JsonProblem) {}
  }
  const fail = (reason: string, at = i): never => {
    throw new Fail({ offset: at, reason });
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return out;
      }
      if (c < 0x20) fail('control character inside a string (escape it)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape in a string');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          out += e;
          i += 2;
        } else fail('invalid escape in a string');
      } else {
        out += text[i];
        i++;
      }
    }
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('invalid number');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    ws();
    if (i >= n) fail('unexpected end of input, expected a value');
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= JSON_MAX_NESTING) fail(JSON_TOO_DEEP);
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      const seen = new Set<string>();
      for (;;) {
        ws();
        if (i >= n) fail("unexpected end of input, expected a property name or '}'");
        if (text[i] !== '"') fail('expected a double-quoted property name');
        const keyAt = i;
        const key = str();
        if (rejectDuplicateKeys) {
          if (seen.has(key)) fail(`duplicate property '${key.length <= 40 ? key : key.slice(0, 40) + '…'}'`, keyAt);
          seen.add(key);
        }
        ws();
        if (text[i] !== ':') fail(i >= n ? "unexpected end of input, expected ':'" : "expected ':' after the property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i >= n ? "unexpected end of input, expected ',' or '}'" : "expected ',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i >= n ? "unexpected end of input, expected ',' or ']'" : "expected ',' or ']' after an array element");
      }
    }
    if (c === '"') {
      str();
      return;
    }
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === '\ufeff' && i === 0) fail('byte order mark at the start (JSON files must not have one)');
    if (c === "'") fail('single-quoted string (JSON needs double quotes)');
    fail('unexpected character, expected a value');
  };
  try {
    value(0);
    ws();
    if (i < n) fail('unexpected content after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return e.p;
    throw e;
  }
}
