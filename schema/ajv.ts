// The validators of the PBS schemas compiled by ajv at run time: what tests and `tsx` use. The
// bundles of scripts/build.mjs replace this module by schema/ajv-precompiled.ts and the code ajv
// generated at build time (schema/ajv-standalone.ts) from the same instance settings: the CLI and
// the server load no compiler. Validators are compiled on first use per kind and section type,
// then kept (schema/validators.ts); nothing is compiled at import time.
import { Ajv, _, type KeywordDefinition, type Options } from 'ajv';
import { kindSchema } from './registry.ts';
import { AJV_FORMATS, RUST_INT_RANGES, cachedValidators, type ValidatorSource, type Validators } from './validators.ts';

export { RUST_INT_RANGES };

/**
 * `x-pbs-rust-type`: integers whose Rust field type is narrower than the schema says. Inline code
 * (not a validate function), so that generated code carries it; an unknown type checks nothing.
 */
export const RUST_TYPE_KEYWORD: KeywordDefinition = {
  keyword: 'x-pbs-rust-type',
  type: 'number',
  schemaType: 'string',
  code(cxt) {
    const range = Object.hasOwn(RUST_INT_RANGES, cxt.schema as string) ? RUST_INT_RANGES[cxt.schema as string] : undefined;
    if (range) cxt.fail(_`!(${cxt.data} >= ${range[0]} && ${cxt.data} <= ${range[1]})`);
  },
};

/**
 * An ajv instance with the PBS settings: every format of formats/index.ts, the `x-pbs-rust-type`
 * keyword, all errors with their schema and data (`verbose`: the diagnostics read them), no
 * messages (ours are made from the errors). `code` options are merged (the build adds `source`).
 */
export function newAjv(options: Options = {}): Ajv {
  // `optimize: false`: ajv's optimisation passes over the generated source were about a third of the
  // compile time, and V8 optimises the code it runs anyway (bench/engine.bench.ts: same throughput
  // either way). The build's generated code is optimised: it is compiled once, at build time.
  const instance = new Ajv({ allErrors: true, verbose: true, strict: false, messages: false, ...options, code: { optimize: false, ...options.code } });
  for (const [name, format] of Object.entries(AJV_FORMATS)) instance.addFormat(name, format);
  instance.addKeyword(RUST_TYPE_KEYWORD);
  return instance;
}

/** The run-time instance (tests compile their own schemas with it too). */
export const ajv = newAjv();

const addedKinds = new Set<string>();

/** Compiles the validator at `pointer` in a kind's schema. */
export const compileValidator: ValidatorSource = (kind, pointer) => {
  const schema = kindSchema(kind);
  if (!schema) return undefined;
  if (!addedKinds.has(kind)) {
    ajv.addSchema(schema);
    addedKinds.add(kind);
  }
  return ajv.compile({ $ref: `${schema.$id}#${pointer}` });
};

let validators: Validators = cachedValidators(compileValidator);

/**
 * For tests: take validators from `source` from now on (e.g. the precompiled ones, checked against
 * compiled ones call by call). Call it before the first validation: the validation modules keep
 * the validators they were given.
 */
export function useValidatorSource(source: ValidatorSource): void {
  validators = cachedValidators(source);
}

/** The validator of a section type's typed properties (compiled on first use). */
export function sectionValidator(kind: string, type: string) {
  return validators.sectionValidator(kind, type);
}

/** The validator of a section type's header id (`x-pbs-id`). */
export function sectionIdValidator(kind: string, type: string) {
  return validators.sectionIdValidator(kind, type);
}

/** The validator of a whole kind: node.cfg's typed properties, or a JSON file. */
export function kindValidator(kind: string) {
  return validators.kindValidator(kind);
}
