// The one ajv instance: every PBS format of formats.ts registered, the `x-pbs-rust-type` keyword
// (integers whose Rust field type is narrower than the schema says), and validators compiled on
// first use per kind and section type, then kept. Nothing is compiled at import time.
import { Ajv, type ValidateFunction } from 'ajv';
import { FORMATS } from './formats.ts';
import { kindSchema, sectionSchema } from './registry.ts';

/** The range of an integer Rust type, for `x-pbs-rust-type`. */
export const RUST_INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  u64: [0, Number.MAX_VALUE],
  usize: [0, Number.MAX_VALUE],
  i8: [-128, 127],
  i16: [-32768, 32767],
  i32: [-2147483648, 2147483647],
  i64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  isize: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

// `optimize: false`: ajv's optimisation passes over the generated source were about a third of the
// compile time (a lint of one tree compiles ~40 validators: 160 ms of 390), and V8 optimises the
// code it runs anyway (bench/engine.bench.ts: same throughput either way).
export const ajv = new Ajv({ code: { optimize: false }, allErrors: true, verbose: true, strict: false, messages: false });

for (const [name, check] of Object.entries(FORMATS)) {
  ajv.addFormat(name, { type: 'string', validate: (s: string) => check(s) === undefined });
}

ajv.addKeyword({
  keyword: 'x-pbs-rust-type',
  type: 'number',
  schemaType: 'string',
  validate: (rustType: string, data: number) => {
    const range = RUST_INT_RANGES[rustType];
    return range === undefined || (data >= range[0] && data <= range[1]);
  },
});

const addedKinds = new Set<string>();

function refTo(kind: string, pointer: string): ValidateFunction | undefined {
  const schema = kindSchema(kind);
  if (!schema) return undefined;
  if (!addedKinds.has(kind)) {
    ajv.addSchema(schema);
    addedKinds.add(kind);
  }
  return ajv.compile({ $ref: `${schema.$id}#${pointer}` });
}

function escapePointer(s: string): string {
  return encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
}

interface SectionValidators {
  properties: ValidateFunction | undefined;
  id: ValidateFunction | undefined;
}

const sectionCache = new Map<string, Map<string, SectionValidators>>();
const kindCache = new Map<string, ValidateFunction | undefined>();

/** The validators of a section type, or undefined for a type the kind does not have. */
function sectionEntry(kind: string, type: string): SectionValidators | undefined {
  // An unknown type has nothing to compile (and must not grow the cache: it is whatever was typed).
  if (!sectionSchema(kind, type)) return undefined;
  let byType = sectionCache.get(kind);
  if (!byType) {
    byType = new Map();
    sectionCache.set(kind, byType);
  }
  let entry = byType.get(type);
  if (!entry) {
    entry = { properties: undefined, id: undefined };
    byType.set(type, entry);
  }
  return entry;
}

/** The validator of a section type's typed properties (compiled on first use). */
export function sectionValidator(kind: string, type: string): ValidateFunction | undefined {
  const entry = sectionEntry(kind, type);
  if (!entry) return undefined;
  entry.properties ??= refTo(kind, `/x-pbs-sections/${escapePointer(type)}`);
  return entry.properties;
}

/** The validator of a section type's header id (`x-pbs-id`). */
export function sectionIdValidator(kind: string, type: string): ValidateFunction | undefined {
  const entry = sectionEntry(kind, type);
  if (!entry) return undefined;
  entry.id ??= refTo(kind, `/x-pbs-sections/${escapePointer(type)}/x-pbs-id`);
  return entry.id;
}

/** The validator of a whole kind: node.cfg's typed properties, or a JSON file. */
export function kindValidator(kind: string): ValidateFunction | undefined {
  if (!kindCache.has(kind)) kindCache.set(kind, refTo(kind, ''));
  return kindCache.get(kind);
}
