// The validators of the bundles: code ajv generated at build time (schema/ajv-standalone.ts), one
// factory per kind, run the first time a validator of that kind is asked for. Loads none of ajv's
// compiler: only the two small run-time helpers the generated code calls.
import type { ValidateFunction } from 'ajv';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';
import { kindSchema } from './registry.ts';
import { AJV_FORMATS, type ValidatorSource } from './validators.ts';

/** A CommonJS module's `exports.default` as whichever way the loader hands it over. */
function defaultOf<T>(m: T | { default: T }): T {
  return typeof m === 'function' ? m : (m as { default: T }).default;
}

/** ajv's own: a string's length in code points (a surrogate pair counts one), walked code unit by code unit. */
export const ajvUcs2length = defaultOf(ucs2lengthModule) as (s: string) => number;

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * ajv's ucs2length, without its walk where it cannot matter: a string without a high surrogate has
 * no pair, so its length in code points is its length in code units. ajv calls it for every
 * minLength/maxLength check; one native search is several times cheaper than the walk.
 */
export function ucs2length(s: string): number {
  return HIGH_SURROGATE.test(s) ? ajvUcs2length(s) : s.length;
}

/** ajv's run-time helpers, under the names generated code calls them by (`R.ucs2length(…)`). */
export const RUNTIME = {
  ucs2length,
  equal: defaultOf(equalModule) as unknown as (a: unknown, b: unknown) => boolean,
};

/** Generated code of one kind: its validators by pointer ('' = the whole kind). */
export type KindFactory = (K: typeof kindSchema, F: typeof AJV_FORMATS, R: typeof RUNTIME) => Record<string, unknown>;

/** A source over generated factories: a kind's code runs once, when one of its validators is first asked for. */
export function precompiledSource(factories: Readonly<Record<string, KindFactory>>): ValidatorSource {
  const made = new Map<string, Record<string, unknown>>();
  return (kind, pointer) => {
    let validators = made.get(kind);
    if (!validators) {
      if (!Object.hasOwn(factories, kind)) return undefined;
      validators = factories[kind](kindSchema, AJV_FORMATS, RUNTIME);
      made.set(kind, validators);
    }
    if (!Object.hasOwn(validators, pointer)) throw new Error(`no precompiled validator for ${kind}#${pointer}`);
    // Generated validators are plain functions with `errors`; nothing reads `schema`/`schemaEnv`.
    return validators[pointer] as ValidateFunction;
  };
}
