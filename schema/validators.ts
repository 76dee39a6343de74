// The validators of the PBS schemas (schema/kinds/), by kind and JSON pointer into the kind's
// schema, made on first use and kept: one per kind (node.cfg's typed properties, a JSON file), and
// two per section type (its typed properties, its header id). Where they come from is a
// ValidatorSource: ajv compiling them at run time (schema/ajv.ts: tests and `tsx`), or the code
// ajv generated for them at build time (schema/ajv-precompiled.ts: what scripts/build.mjs puts in
// the bundles in place of schema/ajv.ts, so that the CLI and the server never load ajv's compiler).
// Nothing here imports ajv.
import type { ValidateFunction } from 'ajv';
import { FORMATS } from './formats/index.ts';
import { sectionSchema, sectionTypes } from './registry.ts';

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

/** Every PBS format of formats/index.ts as ajv takes it (`addFormat`), and as generated code calls it. */
export const AJV_FORMATS: Readonly<Record<string, { type: 'string'; validate: (s: string) => boolean }>> = Object.fromEntries(
  Object.entries(FORMATS).map(([name, check]) => [name, { type: 'string', validate: (s: string) => check(s) === undefined }]),
);

/**
 * The validator at `pointer` in a kind's schema ('' = the whole kind), or undefined for a kind
 * without a schema. Asked once per kind and pointer (the answer is kept).
 */
export type ValidatorSource = (kind: string, pointer: string) => ValidateFunction | undefined;

function escapePointer(s: string): string {
  return encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** The pointer of a section type's typed properties. */
export function sectionPointer(type: string): string {
  return `/x-pbs-sections/${escapePointer(type)}`;
}

/** The pointer of a section type's header id (`x-pbs-id`). */
export function sectionIdPointer(type: string): string {
  return `${sectionPointer(type)}/x-pbs-id`;
}

/** Every validator a kind can be asked for: the whole kind, and each section type's two. */
export function kindPointers(kind: string): string[] {
  return ['', ...sectionTypes(kind).flatMap((t) => [sectionPointer(t), sectionIdPointer(t)])];
}

export interface Validators {
  /** The validator of a section type's typed properties, or undefined for a type the kind does not have. */
  sectionValidator(kind: string, type: string): ValidateFunction | undefined;
  /** The validator of a section type's header id (`x-pbs-id`). */
  sectionIdValidator(kind: string, type: string): ValidateFunction | undefined;
  /** The validator of a whole kind: node.cfg's typed properties, or a JSON file. */
  kindValidator(kind: string): ValidateFunction | undefined;
}

interface SectionValidators {
  properties: ValidateFunction | undefined;
  id: ValidateFunction | undefined;
}

/** The validators of `source`, each asked for on first use and kept. */
export function cachedValidators(source: ValidatorSource): Validators {
  const sectionCache = new Map<string, Map<string, SectionValidators>>();
  const kindCache = new Map<string, ValidateFunction | undefined>();

  function sectionEntry(kind: string, type: string): SectionValidators | undefined {
    // An unknown type has nothing to make (and must not grow the cache: it is whatever was typed).
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

  return {
    sectionValidator(kind, type) {
      const entry = sectionEntry(kind, type);
      if (!entry) return undefined;
      entry.properties ??= source(kind, sectionPointer(type));
      return entry.properties;
    },
    sectionIdValidator(kind, type) {
      const entry = sectionEntry(kind, type);
      if (!entry) return undefined;
      entry.id ??= source(kind, sectionIdPointer(type));
      return entry.id;
    },
    kindValidator(kind) {
      if (!kindCache.has(kind)) kindCache.set(kind, source(kind, ''));
      return kindCache.get(kind);
    },
  };
}
