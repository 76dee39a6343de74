// A value kind: everything pbs-tools knows about one kind of value (a size, a schedule, an epoch,
// an enum member, a reference …) in one module of schema/values/. A kind says which schemas it
// covers, the formats it checks (schema/formats/ builds its table from them), and how the
// service shows a value: its hover, its inlay hint, its completion candidates. The service asks
// the registry (schema/values/index.ts) and does not know the kinds.
import type { FormatSpec } from '../formats/format.ts';
import type { PbsSchema, RefAnnotation } from '../registry.ts';

/** The hover's text being written (service/hover-writer.ts: Markdown or plain text). */
export interface DocWriter {
  /** Bold. */
  b(s: string): string;
  /** Code. */
  c(s: string): string;
  title(name: string, what: string): void;
  para(text: string | undefined): void;
  field(name: string, value: string): void;
  list(items: string[]): void;
}

/** What a kind's hover is given besides the value. */
export interface ValueHover {
  w: DocWriter;
  /** The key (or property-string member) whose value this is. */
  key: string;
  /** How the key is named in titles (`tuning.chunk-order` for a member). */
  label: string;
  /** The moment next runs and expiry are computed from. */
  now: Date;
  /** IANA zone for local times (undefined: the process's). */
  timeZone: string | undefined;
  /** Writes what the workspace knows of a reference value (its target, summarized). */
  referenceLines(): void;
}

/** The short human form shown after a value. */
export interface ValueInlayHint {
  label: string;
  /** The longer form, for the hint's tooltip. */
  tooltip?: string;
}

export interface ValueCandidate {
  label: string;
  kind: 'enum' | 'value' | 'reference';
  detail?: string;
  documentation?: string;
}

/** What a kind's completion is given from the service. */
export interface ValueCompletion {
  /** The workspace's objects (and the builtins) a reference may name. */
  references(ref: RefAnnotation): ValueCandidate[];
  /** A schema's type and bounds in words (`integer, 1 to 32`), as a key's hover shows them. */
  typeSummary(schema: PbsSchema): string;
}

export interface ValueKind {
  readonly name: string;
  /** Whether values of `schema` are of this kind (the registry asks the kinds in its order). */
  matches(schema: PbsSchema): boolean;
  /** The string formats this kind checks, by format name. */
  readonly formats?: Readonly<Record<string, FormatSpec>>;
  /** The `x-pbs-unit` values this kind reads, with their words for a key's hover. */
  readonly units?: Readonly<Record<string, string>>;
  /** Hover on a value of this kind (title included). */
  describe?(text: string, schema: PbsSchema, hover: ValueHover): void;
  /** The human form of a value that parses, or undefined when there is nothing to add. */
  inlayHint?(text: string, schema: PbsSchema, timeZone: string | undefined): ValueInlayHint | undefined;
  /** The values to offer, best first. */
  complete?(schema: PbsSchema, completion: ValueCompletion): ValueCandidate[];
}

/** The value of an integer or number with a unit in a hover, or undefined after saying it is not one. */
export function unitNumber(text: string, hover: ValueHover): number | undefined {
  hover.w.title(text, hover.label);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    hover.w.para('Not a number.');
    return undefined;
  }
  return n;
}

/** Whether a schema is an integer or a number carrying one of `units`. */
export function hasUnit(schema: PbsSchema, units: Readonly<Record<string, string>>): boolean {
  const unit = schema['x-pbs-unit'];
  return (schema.type === 'integer' || schema.type === 'number') && unit !== undefined && Object.hasOwn(units, unit);
}

/** The integer an inlay hint may render (digits with an optional sign only). */
export function hintInteger(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}
