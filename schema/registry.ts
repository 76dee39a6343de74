// The per-kind JSON Schemas of schema/kinds/ (the data; see schema/README.md), imported
// statically by schema/kinds.generated.ts so the bundle carries them, and the lookups hover,
// completion and validation use.
import type { FileFamily } from './file-kinds.ts';
import { KIND_SCHEMAS } from './kinds.generated.ts';

/** `x-pbs-ref`: the property names an object defined in another (or the same) file. */
export interface RefAnnotation {
  kind: string;
  /** Section types that may define the name; absent or empty = any type (or, for acme/accounts, a whole file). */
  sectionTypes?: string[];
  /** Names that always exist without a definition (`root@pam`, `mail-to-root`, `standalone`). */
  builtins?: string[];
}

/**
 * `x-pbs-enum-fallback`: the enum's schema format is optional (formatIsOptional in PBS's schema),
 * so PBS's line parser takes any string; the Rust type refuses an unknown one where it is
 * deserialized: `load` when the section's own field is the enum (the section cannot be loaded),
 * `use` when it sits in a property string PBS keeps as a string and parses only when it uses it
 * (and fails), `ignored` when that use drops the parse error and goes on as if the property were
 * not set (`x-pbs-unknown-value` says what follows). The types' fallback variants of pbs-api-types'
 * `enum-fallback` feature are for API consumers; PBS does not enable it.
 */
export type EnumFallback = 'load' | 'use' | 'ignored';

/** A JSON Schema node with the PBS annotations of schema/README.md. */
export interface PbsSchema {
  type?: string | string[];
  description?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, PbsSchema>;
  required?: string[];
  additionalProperties?: boolean | PbsSchema;
  items?: PbsSchema;
  'x-pbs-property-string'?: boolean;
  'x-pbs-default-key'?: string;
  'x-pbs-list'?: boolean;
  'x-pbs-rust-type'?: string;
  'x-pbs-enum-fallback'?: EnumFallback;
  /** With `x-pbs-enum-fallback: ignored`: what follows when PBS drops the value, where its code says. */
  'x-pbs-unknown-value'?: string;
  /** A secret PBS decodes when it loads the section: base64 (`standard` or `url` alphabet), then UTF-8. */
  'x-pbs-base64'?: 'standard' | 'url';
  /**
   * On a property string PBS checks by deserializing it into its Rust struct (a verify function
   * calling proxmox-schema's `parse_with_schema`): a member with an empty value reads as absent.
   */
  'x-pbs-empty-is-absent'?: boolean;
  'x-pbs-ref'?: RefAnnotation;
  'x-pbs-deprecated'?: string;
  'x-pbs-unit'?: string;
  /** On an epoch: a moment something stops working, where 0 means never (user and token `expire`). */
  'x-pbs-expiry'?: boolean;
  'x-pbs-uncertain'?: string;
  [annotation: string]: unknown;
}

/** One `x-pbs-sections` entry: the schema of a section type's properties, plus its id. */
export interface SectionSchema extends PbsSchema {
  'x-pbs-id': PbsSchema;
  'x-pbs-id-property'?: string;
  'x-pbs-since'?: Record<string, string>;
}

/** A whole kind file of schema/kinds/. */
export interface KindSchema extends PbsSchema {
  $id: string;
  title: string;
  'x-pbs-family': FileFamily;
  'x-pbs-sections'?: Record<string, SectionSchema>;
  'x-pbs-roles'?: unknown;
}

/** Each kind's schema by name (schema/kinds.generated.ts, written from schema/kinds/ by `npm run kinds:sync`). */
const KINDS: ReadonlyMap<string, KindSchema> = new Map(Object.entries(KIND_SCHEMAS) as [string, KindSchema][]);

/** Every kind that has a schema, by name (`datastore.cfg`, `acme/plugins.cfg`, `tfa.json`, …). */
export function kindNames(): string[] {
  return [...KINDS.keys()];
}

/** The schema of a file kind, or undefined for a kind without one. */
export function kindSchema(kind: string): KindSchema | undefined {
  return KINDS.get(kind);
}

/** The section types of a section-config kind, in schema order (empty for other kinds). */
export function sectionTypes(kind: string): string[] {
  const sections = KINDS.get(kind)?.['x-pbs-sections'];
  return sections ? Object.keys(sections) : [];
}

/** The schema of one section type, or undefined when the kind has no such type. */
export function sectionSchema(kind: string, type: string): SectionSchema | undefined {
  const sections = KINDS.get(kind)?.['x-pbs-sections'];
  return sections && Object.hasOwn(sections, type) ? sections[type] : undefined;
}

/**
 * The schema of a property: of a section type's key, or (with `type` undefined) a top-level key
 * of a key-value kind such as node.cfg. A repeated key gives its array schema.
 */
export function propertySchema(kind: string, type: string | undefined, key: string): PbsSchema | undefined {
  const owner = type === undefined ? KINDS.get(kind) : sectionSchema(kind, type);
  const props = owner?.properties;
  return props && Object.hasOwn(props, key) ? props[key] : undefined;
}

/** One ACL role of acl.cfg's `x-pbs-roles` (PBS's pbs-api-types Role and its privileges). */
export interface AclRole {
  description?: string;
  /** The privilege names, or 'all' for Administrator. */
  privileges?: string[] | 'all';
  'x-pbs-since'?: string;
}

/** The ACL roles by name, as hover and completion describe them (empty when the data has none). */
export function aclRoles(): Readonly<Record<string, AclRole>> {
  const roles = KINDS.get('acl.cfg')?.['x-pbs-roles'];
  return roles && typeof roles === 'object' && !Array.isArray(roles) ? (roles as Record<string, AclRole>) : {};
}
