// The shape of a request's params, checked before a handler reads them: a client that sends
// `position: "x"`, no textDocument or a number for a uri gets InvalidParams (-32602) naming the
// field, not an InternalError from deep inside a handler. Each check returns the value it was
// given (an object keeps its other fields), typed as what the handler may read.
import { escapeControls } from '../core/control-chars.ts';

/** Params that do not have the shape a request needs; the message names the field. */
export class ParamsError extends Error {
  override name = 'ParamsError';
}

/** Checks `value` (found at `at`, e.g. "params.position.line") and returns it typed, or throws ParamsError. */
export type Check<T> = (value: unknown, at: string) => T;

/** A value as an error message shows it: short, never a whole document. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return escapeControls(JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v));
  if (typeof v === 'object') return 'an object';
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : `a ${typeof v}`;
}

function fail(at: string, want: string, got: unknown): never {
  throw new ParamsError(`${at} must be ${want}, got ${describe(got)}`);
}

export const string: Check<string> = (v, at) => (typeof v === 'string' ? v : fail(at, 'a string', v));

export const boolean: Check<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'true or false', v));

/** LSP's uinteger (lines, characters, counts). */
export const uinteger: Check<number> = (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1 ? v : fail(at, 'a whole number from 0 to 2147483647', v);

/** LSP's integer (a document version). */
export const integer: Check<number> = (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 ? v : fail(at, 'a whole number', v);

/** Anything at all (a field the handler passes on without reading). */
export const any: Check<unknown> = (v) => v;

/** Absent, or null (Emacs' eglot sends null for what it leaves out), or what `check` accepts. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, at) => (v === undefined || v === null ? undefined : check(v, at));
}

/** An array of at most `max` items, each checked. */
export function array<T>(item: Check<T>, max = 100_000): Check<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) return fail(at, 'an array', v);
    if (v.length > max) throw new ParamsError(`${at} has ${v.length} items, more than the ${max} accepted`);
    v.forEach((x, i) => item(x, `${at}[${i}]`));
    return v as T[];
  };
}

type Shape = Record<string, Check<unknown>>;
/** The fields whose check accepts absence (optional, any): optional in the checked type too. */
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends ReturnType<S[K]> ? K : never }[keyof S];
type Checked<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: ReturnType<S[K]> } & { [K in OptionalKeys<S>]?: ReturnType<S[K]> };

/** An object with (at least) these fields. */
export function object<S extends Shape>(shape: S): Check<Checked<S>> {
  return (v, at) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(at, 'an object', v);
    const o = v as Record<string, unknown>;
    for (const [key, check] of Object.entries(shape)) check(o[key], `${at}.${key}`);
    return v as Checked<S>;
  };
}

export const position = object({ line: uinteger, character: uinteger });
export const range = object({ start: position, end: position });
export const textDocument = object({ uri: string });

/** The params of a request about one document: `{ textDocument: { uri } }`. */
export const documentParams = object({ textDocument });
/** The params of a request at a position in one document (hover, completion, definition …). */
export const positionParams = object({ textDocument, position });
/** The params of a request over a range of one document (inlay hints, range formatting). */
export const rangeParams = object({ textDocument, range });

/** Checks the params of a request named `method`; the message says which field is wrong. */
export function checkParams<T>(check: Check<T>, params: unknown): T {
  return check(params, 'params');
}
