// JSON text PBS's serde_json would read: a parser whose errors say where and what kind, never
// quoting the text (key files hold secrets), and the nesting limit PBS's reader has.

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
  /** At the start of an object or array: true (and past it) if `close` follows at once. */
  const empty = (close: '}' | ']'): boolean => {
    ws();
    if (text[i] !== close) return false;
    i++;
    return true;
  };
  /** After a member or element: true past `close`, false past a ',' (another one follows). */
  const closed = (close: '}' | ']', after: string): boolean => {
    ws();
    if (text[i] === ',' || text[i] === close) return text[i++] === close;
    return fail(i >= n ? `unexpected end of input, expected ',' or '${close}'` : `expected ',' or '${close}' after ${after}`);
  };
  const value = (depth: number): void => {
    ws();
    if (i >= n) fail('unexpected end of input, expected a value');
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= JSON_MAX_NESTING) fail(JSON_TOO_DEEP);
    if (c === '{') {
      i++;
      if (empty('}')) return;
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
        if (closed('}', 'a property value')) return;
      }
    }
    if (c === '[') {
      i++;
      if (empty(']')) return;
      for (;;) {
        value(depth + 1);
        if (closed(']', 'an array element')) return;
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
