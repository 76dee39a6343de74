// How to read the values of one object schema (a section type, node.cfg), built once per schema
// and cached by the caller: each key's shape (boolean, integer, number, string, list, property
// string), its members or items, and what a converted value may still deserve (hints, deprecated
// values, base64 secrets).
import type { ValidateFunction } from 'ajv';
import { formatHasHints } from '../formats/index.ts';
import type { Base64Alphabet } from '../base64-secret.ts';
import type { PbsSchema } from '../registry.ts';

export type Shape = 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'ps' | 'other';

/** How to read one value (a line's value, a property-string member, a list item). */
export interface ValuePlan {
  shape: Shape;
  schema: PbsSchema;
  /** list: the items. */
  item: ValuePlan | undefined;
  /** ps: the members by name, and the key an entry without `name=` goes to. */
  members: Map<string, ValuePlan> | undefined;
  memberNames: string[] | undefined;
  defaultKey: string | undefined;
  /** A format whose accepted values may still deserve a hint (calendar quirks, SI sizes). */
  hintFormat: string | undefined;
  /** `x-pbs-deprecated-values`: values PBS still accepts but has deprecated, with the reason. */
  deprecatedValues: Record<string, string> | undefined;
  /** `x-pbs-base64`: a secret PBS decodes (base64, then UTF-8) when it loads the section. */
  base64: { alphabet: Base64Alphabet; pattern: RegExp | undefined } | undefined;
  /**
   * A scalar with nothing to say about a value that converts (no deprecated values, no hints):
   * a line's value then needs no span unless it fails to convert.
   */
  plain: boolean;
}

/** One key of an object schema. */
export interface PropPlan {
  key: string;
  /** An array property without `x-pbs-list`: one element per line, the key repeated. */
  repeated: boolean;
  value: ValuePlan;
  deprecated: string | undefined;
  /** The generation of the last validation that met this key (see `ObjectPlan.generation`). */
  seen: number;
}

/** An object schema ready for validation: a section type, or node.cfg's top level. */
export interface ObjectPlan {
  props: Map<string, PropPlan>;
  names: string[];
  /** The header id's property name (PBS accepts it as a key and overwrites it). */
  idProperty?: string;
  /** How a line with the id property's key is read (the header id's schema). */
  idValue?: ValuePlan;
  required: string[];
  /**
   * Counts the plan's validations; `PropPlan.seen` holds the count of the last one that met the
   * key, so "was this key already given / given at all" needs no per-call set.
   */
  generation: number;
  /** Compiles the object's validator (called once, on first use). */
  compile: () => ValidateFunction | undefined;
  /** The compiled validator once `compile` ran (null: the kind has none). */
  validator: ValidateFunction | null | undefined;
}

function typeOf(schema: PbsSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  return t;
}

function plainPlan(shape: Shape, schema: PbsSchema): ValuePlan {
  const deprecated = schema['x-pbs-deprecated-values'];
  const deprecatedValues = deprecated && typeof deprecated === 'object' ? (deprecated as Record<string, string>) : undefined;
  const alphabet = schema['x-pbs-base64'];
  const base64 = alphabet === 'standard' || alphabet === 'url' ? { alphabet, pattern: schema.pattern !== undefined ? new RegExp(schema.pattern, 'u') : undefined } : undefined;
  return { shape, schema, item: undefined, members: undefined, memberNames: undefined, defaultKey: undefined, hintFormat: undefined, deprecatedValues, base64, plain: false };
}

export function valuePlan(schema: PbsSchema): ValuePlan {
  const type = typeOf(schema);
  if (type === 'object' && schema['x-pbs-property-string']) {
    const plan = plainPlan('ps', schema);
    plan.members = new Map<string, ValuePlan>();
    for (const [name, sub] of Object.entries(schema.properties ?? {})) plan.members.set(name, valuePlan(sub));
    plan.memberNames = [...plan.members.keys()];
    plan.defaultKey = schema['x-pbs-default-key'];
    return plan;
  }
  if (type === 'array' && schema['x-pbs-list']) {
    const plan = plainPlan('list', schema);
    plan.item = valuePlan(schema.items ?? {});
    return plan;
  }
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'string') {
    const plan = plainPlan(type, schema);
    if (type === 'string' && schema.format !== undefined && formatHasHints(schema.format)) plan.hintFormat = schema.format;
    plan.plain = plan.hintFormat === undefined && plan.deprecatedValues === undefined && plan.base64 === undefined;
    return plan;
  }
  return plainPlan('other', schema);
}

export function objectPlan(schema: PbsSchema, compile: () => ValidateFunction | undefined, idSchema?: PbsSchema, idProperty?: string): ObjectPlan {
  const props = new Map<string, PropPlan>();
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const repeated = typeOf(sub) === 'array' && !sub['x-pbs-list'];
    const deprecated = typeof sub['x-pbs-deprecated'] === 'string' ? sub['x-pbs-deprecated'] : undefined;
    props.set(key, { key, repeated, value: valuePlan(repeated ? (sub.items ?? {}) : sub), deprecated, seen: 0 });
  }
  return {
    props,
    names: [...props.keys()],
    idProperty,
    idValue: idSchema ? valuePlan(idSchema) : undefined,
    required: schema.required ?? [],
    generation: 0,
    compile,
    validator: undefined,
  };
}
