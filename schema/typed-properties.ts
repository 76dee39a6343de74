// The heart of the schema engine, shared by section-config sections and node.cfg: property lines
// in, problems out. Each raw value is converted to its typed value the way proxmox-schema parses
// it (booleans, i64 integers, f64 numbers, property strings, lists, repeated keys), conversion
// failures are reported at the value, and the typed object then goes through the kind's compiled
// ajv validator, whose errors are mapped back to the line, member or list item they concern.
//
// A plan per object schema (section type, node.cfg) is built once and cached, so the per-section
// path does no schema lookups beyond one Map.get per key.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { PropertyLineList, PropertyNode, PropertyStringAst, Span } from '../grammar/ast.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { FORMATS, FORMAT_LABELS, describeChar, formatCode, formatHasHints, formatHints, patternFailureOffset } from './formats.ts';
import type { DiagnosticCode, Problem, ProblemSink, Severity } from './problem.ts';
import { MAX_LIST_ITEMS } from '../grammar/limits.ts';
import { ValueProblems } from './problem-cap.ts';
import { FAILED, INTEGER, scalarValue, type Converted } from './scalar-value.ts';
import type { PbsSchema } from './registry.ts';
import { base64SecretFailure, type Base64Alphabet } from './base64-secret.ts';
import { RUST_INT_RANGES } from './ajv.ts';
import { didYouMean, suggest } from './suggest.ts';

// ---------------------------------------------------------------------------------------------
// Plans

type Shape = 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'ps' | 'other';

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
  /** The generation of the last validation that met this key (see `generation`). */
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
    compile,
    validator: undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Where a typed value came from (only built as far as the value has structure)

interface LocList {
  k: 'list';
  whole: Span;
  items: Span[];
  /** Some items did not convert (they are left out, so counts are not checked). */
  partial: boolean;
}
interface LocMember {
  key: Span | undefined;
  value: Span;
  loc: Loc;
}
interface LocPs {
  k: 'ps';
  whole: Span;
  members: Record<string, LocMember>;
  /** The property string's schema, for messages about its if/then/else rules. */
  schema: PbsSchema;
  /** Members that are there but did not convert (so they are not also "missing"). */
  failed: Set<string> | undefined;
}
interface LocRepeated {
  k: 'rep';
  items: Loc[];
  lines: PropertyNode[];
}
type Loc = Span | LocList | LocPs | LocRepeated;

function isSpan(loc: Loc): loc is Span {
  return (loc as { k?: string }).k === undefined;
}

function wholeSpan(loc: Loc): Span {
  if (isSpan(loc)) return loc;
  if (loc.k === 'rep') return wholeSpan(loc.items[0]);
  return loc.whole;
}

/** Source offset of position `i` inside the (unescaped) text of a value at `span`. */
function innerRange(span: Span, offset: number, length: number): { start: number; end: number } {
  const direct = span.end - span.start === span.text.length;
  const quotedPlain = span.end - span.start === span.text.length + 2;
  if (!direct && !quotedPlain) return { start: span.start, end: span.end };
  const base = span.start + (direct ? 0 : 1);
  const start = Math.min(base + offset, base + span.text.length);
  const end = Math.min(start + Math.max(length, 0), base + span.text.length);
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Context of one validation run

export interface Context {
  /** Where problems go; once it is `full`, checking stops (the file has its share). */
  problems: ProblemSink;
  /** The section being checked (type and id), or undefined for node.cfg. */
  sectionType?: string;
  sectionId?: string;
}

/** "the datastore section 'store1'" / "node.cfg": what PBS cannot load or use (built only for messages). */
function owner(ctx: Context): string {
  return ctx.sectionType === undefined ? 'node.cfg' : `the ${ctx.sectionType} section '${ctx.sectionId ?? ''}'`;
}

/** Where convertPs/convertList leave the structure of the value they just read. */
let lastLoc: Loc | undefined;

function report(ctx: Context, range: { start: number; end: number }, code: DiagnosticCode, severity: Severity, message: string, data?: Record<string, unknown>): void {
  const p: Problem = { start: range.start, end: range.end, code, severity, message };
  if (data) p.data = data;
  ctx.problems.push(p);
}

function escapeControls(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `'${escapeControls(shown)}'`;
}

/** How a value is shown in a message: `keep-last: 0`, `comment: 'x'`, `tuning: chunk-order=foo`. */
function subject(label: string, member: string | undefined, value: unknown): string {
  if (member !== undefined) return `${label}: ${member}=${typeof value === 'string' ? escapeControls(value) : JSON.stringify(value)}`;
  if (typeof value === 'string') return `${label}: ${quote(value)}`;
  return `${label}: ${JSON.stringify(value)}`;
}

// ---------------------------------------------------------------------------------------------
// Conversion (proxmox-schema's parse_simple_value and property-string deserializer)

function convertScalar(plan: ValuePlan, text: string, span: Span, label: string, member: string | undefined, ctx: Context): Converted {
  const v = scalarValue(plan.shape, text);
  if (v !== FAILED) return v;
  const data = { property: label };
  switch (plan.shape) {
    case 'boolean':
      report(ctx, span, 'invalid-value', 'error', `${subject(label, member, text)} is not a boolean; PBS accepts 1, on, yes, true and 0, off, no, false (any case)`, { ...data, expected: 'boolean' });
      break;
    case 'integer':
      report(
        ctx,
        span,
        'invalid-value',
        'error',
        INTEGER.test(text) ? `${subject(label, member, text)} does not fit a 64-bit integer` : `${subject(label, member, text)} is not an integer (optional sign and digits only)`,
        data,
      );
      break;
    default:
      report(ctx, span, 'invalid-value', 'error', `${subject(label, member, text)} is not a number`, data);
  }
  return FAILED;
}

/** Rust `char::is_ascii_whitespace`: space, tab, LF, FF, CR (not VT). */
function isListSeparator(c: number): boolean {
  return c === 44 || c === 59 || c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

function convertList(plan: ValuePlan, text: string, span: Span, label: string, member: string | undefined, ctx: Context): Converted {
  const items: unknown[] = [];
  const spans: Span[] = [];
  let ok = true;
  let i = 0;
  const n = text.length;
  let count = 0;
  while (i < n) {
    while (i < n && isListSeparator(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (++count > MAX_LIST_ITEMS) {
      // Items past the cap are not converted (memory would grow with the line's length).
      ok = false;
      const r = innerRange(span, i, n - i);
      report(ctx, r, 'suspicious-value', 'warning', `${member === undefined ? label : `${label}: ${member}`}: the list has more than ${MAX_LIST_ITEMS} items; pbs-tools checks only the first ${MAX_LIST_ITEMS}`, { property: label });
      break;
    }
    const start = i;
    while (i < n && !isListSeparator(text.charCodeAt(i))) i++;
    const itemText = text.slice(start, i);
    const r = innerRange(span, start, i - start);
    const itemSpan: Span = { text: itemText, start: r.start, end: r.end };
    const v = convertScalar(plan.item!, itemText, itemSpan, label, member, ctx);
    if (v === FAILED) ok = false;
    else {
      items.push(v);
      spans.push(itemSpan);
    }
  }
  lastLoc = { k: 'list', whole: span, items: spans, partial: !ok };
  return items;
}

/** Property strings repeat a lot across sections: parsed once per text (at offset 0), then shifted. */
const psMemo = new Map<string, PropertyStringAst>();

function shiftSpan(s: Span, by: number): Span {
  return { text: s.text, start: s.start + by, end: s.end + by };
}

function parsePs(text: string, base: number): PropertyStringAst {
  // Only short texts are kept: a long one would keep its document alive (slices share memory).
  if (text.length > 1024) return parsePropertyString(text, base);
  let ast = psMemo.get(text);
  if (ast === undefined) {
    ast = parsePropertyString(text, 0);
    if (psMemo.size >= 4096) psMemo.clear();
    psMemo.set(text, ast);
  }
  if (base === 0) return ast;
  return {
    entries: ast.entries.map((e) => ({
      key: e.key && shiftSpan(e.key, base),
      value: shiftSpan(e.value, base),
      start: e.start + base,
      end: e.end + base,
    })),
    problems: ast.problems.map((p) => ({ start: p.start + base, end: p.end + base, message: p.message })),
    ...(ast.overflow ? { overflow: { ...ast.overflow, start: ast.overflow.start + base, end: ast.overflow.end + base, last: ast.overflow.last + base } } : {}),
  };
}

function convertPs(plan: ValuePlan, span: Span, label: string, ctx: Context): Converted {
  const ast = parsePs(span.text, span.start);
  let ok = true;
  for (const p of ast.problems) {
    report(ctx, p, 'invalid-property-string', 'error', `${label}: ${p.message}`, { property: label });
    ok = false;
  }
  if (ast.overflow) ctx.problems.leftOut?.(ast.overflow, 'invalid-property-string');
  const out: Record<string, unknown> = {};
  const members: Record<string, LocMember> = {};
  let failed: Set<string> | undefined;
  const names = plan.members!;
  for (const entry of ast.entries) {
    const name = entry.key?.text ?? plan.defaultKey;
    if (name === undefined) {
      report(
        ctx,
        entry,
        'invalid-property-string',
        'error',
        entry.value.text === ''
          ? `${label}: empty entry; ${label} has no default member, so every entry needs 'name=value'`
          : `${label}: ${quote(entry.value.text)} has no 'name=' and ${label} has no default member (expected ${plan.memberNames!.join(', ')})`,
        { property: label },
      );
      continue;
    }
    // serde's Option through proxmox-schema's SchemaDeserializer: `name=` is `None` (de/mod.rs
    // deserialize_option), so the member counts as absent (datastore `backend type=s3,bucket=`)
    if (entry.value.text === '' && plan.schema['x-pbs-empty-is-absent'] === true) continue;
    const keyRange = entry.key ?? entry.value;
    const memberPlan = names.get(name);
    if (!memberPlan) {
      const trimmed = name.trim();
      let message: string;
      let suggestion: string | undefined;
      if (trimmed !== name && names.has(trimmed)) {
        suggestion = trimmed;
        message = `${label}: unknown member ${quote(name)}; PBS does not trim blanks around names inside a property string, write '${trimmed}'`;
      } else {
        suggestion = suggest(name, plan.memberNames!);
        message = `${label}: unknown member ${quote(name)} (${label} has ${plan.memberNames!.join(', ')})${didYouMean(suggestion)}`;
      }
      const data: Record<string, unknown> = { property: label, member: name };
      if (suggestion !== undefined) data.suggestion = suggestion;
      report(ctx, keyRange, 'invalid-property-string', 'error', message, data);
      continue;
    }
    if (Object.hasOwn(members, name)) {
      report(ctx, keyRange, 'invalid-property-string', 'error', `${label}: member '${name}' is given twice`, { property: label, member: name });
      continue;
    }
    lastLoc = undefined;
    const v = convertValue(memberPlan, entry.value.text, entry.value, label, name, ctx);
    members[name] = { key: entry.key, value: entry.value, loc: lastLoc ?? entry.value };
    if (v === FAILED) (failed ??= new Set()).add(name);
    else out[name] = v;
  }
  lastLoc = { k: 'ps', whole: span, members, schema: plan.schema, failed };
  // Members that converted are still validated; a structural error (bad quoting) stops here.
  return ok ? out : FAILED;
}

function convertValue(plan: ValuePlan, text: string, span: Span, label: string, member: string | undefined, ctx: Context): Converted {
  switch (plan.shape) {
    case 'ps':
      return convertPs(plan, span, label, ctx);
    case 'list':
      return convertList(plan, text, span, label, member, ctx);
    default: {
      const v = convertScalar(plan, text, span, label, member, ctx);
      if (v !== FAILED && plan.deprecatedValues !== undefined && Object.hasOwn(plan.deprecatedValues, String(v))) {
        report(ctx, span, 'deprecated', 'hint', `${subject(label, member, v)} is deprecated: ${plan.deprecatedValues[String(v)]}`, { property: label });
      }
      if (v !== FAILED && plan.base64 !== undefined) secretDecodes(plan.base64, text, span, label, ctx);
      if (v !== FAILED && plan.hintFormat !== undefined && FORMATS[plan.hintFormat](text) === undefined) {
        for (const h of formatHints(plan.hintFormat, text)) {
          const data: Record<string, unknown> = { property: label };
          if (member !== undefined) data.member = member;
          if (h.replacement !== undefined) data.replacement = h.replacement;
          report(ctx, innerRange(span, h.offset, h.length), 'suspicious-value', h.severity, `${member === undefined ? label : `${label}: ${member}`}: ${h.message}`, data);
        }
      }
      return v;
    }
  }
}

/**
 * A base64 secret that PBS cannot decode when it loads the section (schema/base64-secret.ts). A
 * value the schema's pattern already refuses is left to that check (one report per problem).
 */
function secretDecodes(base64: NonNullable<ValuePlan['base64']>, text: string, span: Span, label: string, ctx: Context): void {
  if (base64.pattern !== undefined && !base64.pattern.test(text)) return;
  const failure = base64SecretFailure(text, base64.alphabet);
  if (failure === undefined) return;
  const range = innerRange(span, failure.offset, failure.length);
  report(ctx, range.end > range.start ? range : span, 'invalid-format', 'error', `${label}: the secret value cannot be decoded: ${failure.reason}; PBS reads the file but cannot load ${owner(ctx)}`, { property: label });
}

// ---------------------------------------------------------------------------------------------
// Properties → typed object

/** How a file kind treats a key given twice, and words for an unknown key. */
export type LineRules = 'section' | 'node';

/**
 * Each call gets a new generation; `PropPlan.seen` holds the generation of the last call that
 * met the key, so "was this key already given / given at all" needs no per-call set.
 */
let generation = 0;

/**
 * Converts the property lines against `plan` into the typed object, reporting unknown and
 * repeated keys and values that do not convert. With `locs`, also records where every typed
 * value came from (only needed to place ajv's errors, so only done when there are some).
 */
function typedProperties(plan: ObjectPlan, lines: PropertyLineList, ctx: Context, rules: LineRules, locs: Record<string, Loc> | undefined): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  const gen = ++generation;
  const count = lines.count;
  // Each line's value gets its share of problems (grammar/limits.ts MAX_PROBLEMS_PER_VALUE).
  const valueProblems = new ValueProblems();
  const valueCtx: Context = { problems: valueProblems, sectionType: ctx.sectionType, sectionId: ctx.sectionId };
  let idLines = 0;
  for (let i = 0; i < count; i++) {
    if (ctx.problems.full) break; // the file has its share of problems: stop looking
    const key = lines.keyText(i);
    const prop = plan.props.get(key);
    if (prop === undefined) {
      if (key === plan.idProperty && plan.idValue) idPropertyLine(plan, lines.line(i), ctx, ++idLines > 1);
      else unknownKey(plan, lines.line(i), ctx, rules);
      continue;
    }
    if (prop.deprecated !== undefined) {
      report(ctx, lines.line(i).key, 'deprecated', 'hint', `${key} is deprecated: ${prop.deprecated}`, { property: key });
    }
    if (prop.seen === gen && !prop.repeated) {
      if (rules === 'section') {
        report(ctx, lines.line(i).key, 'duplicate-property', 'error', `${key} is given twice in this section; PBS refuses the file (duplicate property '${key}'); only list properties may repeat`, { property: key });
        continue;
      }
      const earlier = earlierLine(lines, i, key)!;
      report(ctx, earlier, 'duplicate-property', 'warning', `${key} is given again on a later line; PBS silently uses the last value and ignores this one`, { property: key });
      delete typed[key];
    }
    prop.seen = gen;
    if (locs === undefined && prop.value.plain) {
      // The clean path of most lines: the value's text only, no span (see ValuePlan.plain).
      const v = scalarValue(prop.value.shape, lines.valueText(i));
      if (v !== FAILED) {
        if (prop.repeated) listOf(typed, key).push(v);
        else typed[key] = v;
        continue;
      }
    }
    lastLoc = undefined;
    const line = lines.line(i);
    const value = line.value; // made on demand by the parser's lines: ask once
    valueProblems.reset(ctx.problems);
    const v = convertValue(prop.value, value.text, value, key, undefined, valueCtx);
    valueProblems.close(key);
    if (prop.repeated) {
      const list = listOf(typed, key);
      let rep: LocRepeated | undefined;
      if (locs) {
        rep = locs[key] as LocRepeated | undefined;
        if (rep === undefined) locs[key] = rep = { k: 'rep', items: [], lines: [] };
      }
      if (v !== FAILED) {
        list.push(v);
        if (rep) {
          rep.items.push(lastLoc ?? value);
          rep.lines.push(line);
        }
      }
      continue;
    }
    if (locs) locs[key] = lastLoc ?? value;
    if (v !== FAILED) typed[key] = v;
  }
  return typed;
}

/** The list a repeated key collects its values in (made on its first line). */
function listOf(typed: Record<string, unknown>, key: string): unknown[] {
  let list = typed[key] as unknown[] | undefined;
  if (list === undefined) typed[key] = list = [];
  return list;
}

/**
 * Checks the property lines of one section (or node.cfg) against `plan`: conversion, then the
 * compiled schema. Problems go to `ctx.problems`; the required keys that have no line at all are
 * returned, for the caller to report in its own words.
 */
export function validateProperties(plan: ObjectPlan, lines: PropertyLineList, ctx: Context, rules: LineRules): string[] {
  const typed = typedProperties(plan, lines, ctx, rules, undefined);
  // Checking stopped part-way (the file has its share of problems): the object is incomplete.
  if (ctx.problems.full) return NO_MISSING;
  if (plan.validator === undefined) plan.validator = plan.compile() ?? null;
  const validate = plan.validator;
  if (validate === null || validate(typed)) return NO_MISSING;
  const errors = validate.errors ?? [];
  // Again, this time recording where each value came from; its problems are already reported.
  const locs: Record<string, Loc> = {};
  typedProperties(plan, lines, { problems: [], sectionType: ctx.sectionType, sectionId: ctx.sectionId }, rules, locs);
  const missing: string[] = [];
  // ajv's errors of one value (a line, or one line of a repeated key) get that value's share.
  const perValue = new Map<string, { sink: ValueProblems; label: string }>();
  for (const err of mergeRequired(oneReportPerEmptyValue(errors))) {
    const segs = decodePointer(err.instancePath);
    if (segs.length === 0) {
      if (err.keyword === 'required') {
        const key = (err.params as { missingProperty: string }).missingProperty;
        // A key whose line is there but did not convert is not also "missing".
        if (!Object.hasOwn(locs, key) && !missing.includes(key)) missing.push(key);
      }
      continue;
    }
    const at = locate(locs, segs);
    if (!at) continue;
    const value = (locs[segs[0]] as { k?: string }).k === 'rep' ? `${segs[0]}\u0000${segs[1]}` : segs[0];
    let entry = perValue.get(value);
    if (entry === undefined) perValue.set(value, (entry = { sink: new ValueProblems().reset(ctx.problems), label: segs[0] }));
    const sink = entry.sink;
    if (sink.full) {
      sink.skip(at.span.start, at.span.end, 'invalid-value');
      continue;
    }
    const problem = describe(err, at, ctx);
    if (problem) sink.push(problem);
  }
  for (const { sink, label } of perValue.values()) sink.close(label);
  return missing;
}

const NO_MISSING: string[] = [];

/**
 * An empty value that is too short is not also reported for its format or pattern ("too short" and
 * "an empty name is not allowed" are one problem; PBS checks the length first and stops there).
 */
function oneReportPerEmptyValue(errors: ErrorObject[]): ErrorObject[] {
  let empty: Set<string> | undefined;
  for (const err of errors) if (err.keyword === 'minLength' && err.data === '') (empty ??= new Set()).add(err.instancePath);
  if (empty === undefined) return errors;
  return errors.filter((err) => !((err.keyword === 'format' || err.keyword === 'pattern') && empty.has(err.instancePath)));
}

/** One error per object for its missing members (ajv reports each one separately). */
function mergeRequired(errors: ErrorObject[]): ErrorObject[] {
  let byPlace: Map<string, ErrorObject> | undefined;
  const out: ErrorObject[] = [];
  for (const err of errors) {
    if (err.keyword !== 'required' || err.instancePath === '') {
      out.push(err);
      continue;
    }
    byPlace ??= new Map();
    const place = `${err.instancePath} ${err.schemaPath}`;
    const name = (err.params as { missingProperty: string }).missingProperty;
    const first = byPlace.get(place);
    if (first) {
      ((first.params as { missingAll: string[] }).missingAll).push(name);
      continue;
    }
    const merged = { ...err, params: { ...err.params, missingAll: [name] } };
    byPlace.set(place, merged);
    out.push(merged);
  }
  return out;
}

function earlierLine(lines: PropertyLineList, before: number, key: string): PropertyNode | undefined {
  for (let j = before - 1; j >= 0; j--) if (lines.keyText(j) === key) return lines.line(j);
  return undefined;
}

function unknownMessage(plan: ObjectPlan, key: string, ctx: Context, rules: LineRules): string {
  if (rules === 'section') return `unknown property '${key}' for a ${ctx.sectionType ?? ''} section`;
  const trimmed = key.trim();
  if (trimmed !== key && plan.props.has(trimmed)) {
    return `invalid key '${key}': PBS takes everything before the ':' as the key, blanks included; write '${trimmed}:'`;
  }
  return `invalid key '${key}': node.cfg has no such setting (PBS refuses the file)`;
}

function unknownKey(plan: ObjectPlan, line: PropertyNode, ctx: Context, rules: LineRules): void {
  const key = line.keyText;
  if (key === '#' || key.startsWith('#')) {
    report(
      ctx,
      line.key,
      'unknown-property',
      'error',
      `PBS has no comment syntax in this file: an indented '${key}' line is read as the unknown property '${key}'; use the comment property instead`,
      { property: key, ...(plan.props.has('comment') ? { suggestion: 'comment' } : {}) },
    );
    return;
  }
  const suggestion = suggest(key, plan.names);
  const data: Record<string, unknown> = { property: key };
  if (suggestion !== undefined) data.suggestion = suggestion;
  report(ctx, line.key, 'unknown-property', 'error', `${unknownMessage(plan, key, ctx, rules)}${didYouMean(suggestion)}`, data);
}

/**
 * A line whose key is the section's id property (`name` in datastore.cfg). PBS's parser reads it
 * like any other property — its value is checked against the property's schema, and a second such
 * line is a duplicate property — and only after the section ends overwrites it with the header's
 * id (proxmox-section-config, `SectionConfig::parse`).
 */
function idPropertyLine(plan: ObjectPlan, line: PropertyNode, ctx: Context, again: boolean): void {
  const key = line.keyText;
  const idText = ctx.sectionId;
  const whole = { start: line.key.start, end: line.value.end > line.key.end ? line.value.end : line.key.end };
  if (again) {
    report(ctx, line.key, 'duplicate-property', 'error', `${key} is given twice in this section; PBS refuses the file (duplicate property '${key}'), although the header's id replaces its value anyway`, { property: key });
    return;
  }
  const schema = plan.idValue!.schema;
  const text = line.value.text;
  const failure = idValueFailure(schema, text);
  if (failure) {
    const at = text === '' ? whole : line.value;
    report(ctx, at, failure.code, 'error', `${subject(key, undefined, text)} ${failure.reason}; PBS checks this line like any other property and refuses the file, although the header's id would replace the value`, { property: key });
    return;
  }
  if (idText !== undefined && text === idText) {
    report(ctx, whole, 'duplicate-property', 'hint', `${key} repeats the id from the section header; PBS takes it from the header, so this line is redundant`, { property: key });
  } else {
    report(ctx, whole, 'duplicate-property', 'warning', `${key} is set by the section header${idText !== undefined ? ` (${quote(idText)})` : ''}; PBS silently overwrites this line's value with it`, { property: key });
  }
}

/** proxmox-schema's string checks on an id value, in its order: length (in characters), then format. */
function idValueFailure(schema: PbsSchema, text: string): { code: DiagnosticCode; reason: string } | undefined {
  const length = [...text].length;
  if (schema.minLength !== undefined && length < schema.minLength) return { code: 'invalid-value', reason: `is too short: at least ${schema.minLength} characters, not ${length}` };
  if (schema.maxLength !== undefined && length > schema.maxLength) return { code: 'invalid-value', reason: `is too long: at most ${schema.maxLength} characters, not ${length}` };
  const format = schema.format;
  const failure = format !== undefined ? FORMATS[format]?.(text) : undefined;
  if (failure && failure.stage === undefined) return { code: formatCode(format!), reason: `is not a valid ${FORMAT_LABELS[format!] ?? format}: ${failure.reason}` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ajv errors → problems

function decodePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Located {
  /** Range of the value (or member/item) the error is about. */
  span: Span;
  label: string;
  member: string | undefined;
  /** The structure at the error's instance path, for errors about members of it. */
  loc: Loc;
  /** The property string holding `member`, when the path ends at a member. */
  container: LocPs | undefined;
}

function locate(locs: Record<string, Loc>, segs: string[]): Located | undefined {
  let loc: Loc | undefined = locs[segs[0]];
  if (loc === undefined) return undefined;
  const label = segs[0];
  let member: string | undefined;
  let container: LocPs | undefined;
  for (let i = 1; i < segs.length && loc !== undefined; i++) {
    const seg: string = segs[i];
    const cur: Loc = loc;
    if (isSpan(cur)) break;
    if (cur.k === 'rep' || cur.k === 'list') {
      loc = cur.items[Number(seg)];
      container = undefined;
    } else {
      member = seg;
      container = cur;
      const m: LocMember | undefined = cur.members[seg];
      if (m === undefined) {
        loc = cur.whole;
        break;
      }
      loc = m.loc;
    }
  }
  if (loc === undefined) return undefined;
  const span = isSpan(loc) ? loc : loc.k === 'rep' ? wholeSpan(loc) : loc.whole;
  return { span, label, member, loc, container };
}

function memberKeySpan(loc: Loc, name: string): Span | undefined {
  if (isSpan(loc) || loc.k !== 'ps') return undefined;
  const m = loc.members[name];
  return m ? (m.key ?? m.value) : undefined;
}

/**
 * An enum value outside the known ones is an error. For the enums whose schema format is optional
 * (`x-pbs-enum-fallback`), PBS's line parser lets any value through, and the Rust type refuses it
 * later: when the section is loaded (`load`), or when PBS uses the property string it sits in
 * (`use`), or drops the value when it uses it (`ignored`: a warning, as PBS silently goes on without
 * it). pbs-api-types can give these types a fallback variant (its `enum-fallback` feature,
 * 1.0.9), but only for API consumers: its changelog says producers such as PBS itself do not
 * enable it, and a build without it refuses `notification-mode bogus` at load ("unknown variant").
 */
function unknownEnumVerdict(schema: PbsSchema, ctx: Context): { severity: Severity; suffix: string } {
  const fallback = schema['x-pbs-enum-fallback'];
  if (fallback === undefined) return { severity: 'error', suffix: '' };
  if (fallback === 'ignored') {
    const then = schema['x-pbs-unknown-value'];
    return { severity: 'warning', suffix: `; PBS reads the line but silently ignores the whole value when it uses ${owner(ctx)}${then ? `: ${then}` : ''}` };
  }
  const when = fallback === 'use' ? `fails when it uses ${owner(ctx)}` : `cannot load ${owner(ctx)}`;
  return { severity: 'error', suffix: `; PBS reads the line but ${when}` };
}

/** What PBS does with a value it checks late (`x-pbs-checked-on`, or a format failure's stage). */
function stageSuffix(stage: unknown, ctx: Context): string {
  if (stage === 'load') return `; PBS reads the file but cannot load ${owner(ctx)}`;
  if (stage === 'use') return `; PBS reads the file but fails when it uses ${owner(ctx)}`;
  return '';
}

function describe(err: ErrorObject, at: Located, ctx: Context): Problem | undefined {
  const { label, member } = at;
  const parent = (err.parentSchema ?? {}) as PbsSchema;
  const late = stageSuffix(parent['x-pbs-checked-on'] ?? at.container?.schema['x-pbs-checked-on'], ctx);
  const params = err.params as Record<string, unknown>;
  const data = err.data;
  // Secrets (format `password`, or marked `x-pbs-secret`) are never echoed into messages.
  const secret = parent.format === 'password' || parent['x-pbs-secret'] === true;
  const subj = secret ? `${label}${member !== undefined ? `: ${member}` : ''}: the secret value` : subject(label, member, data);
  const pdata: Record<string, unknown> = { property: label };
  if (member !== undefined) pdata.member = member;
  const make = (code: DiagnosticCode, severity: Severity, message: string, range: { start: number; end: number } = at.span, extra?: Record<string, unknown>): Problem => ({
    start: range.start,
    end: range.end,
    code,
    severity,
    message,
    data: extra ? { ...pdata, ...extra } : pdata,
  });
  switch (err.keyword) {
    case 'minimum':
      return make('out-of-range', 'error', `${subj} is below the minimum ${String(params.limit)}${late}`);
    case 'maximum':
      return make('out-of-range', 'error', `${subj} is above the maximum ${String(params.limit)}${late}`);
    case 'exclusiveMinimum':
      return make('out-of-range', 'error', `${subj} must be above ${String(params.limit)}`);
    case 'exclusiveMaximum':
      return make('out-of-range', 'error', `${subj} must be below ${String(params.limit)}`);
    case 'x-pbs-rust-type': {
      const rust = String(err.schema);
      const range = RUST_INT_RANGES[rust];
      const n = data as number;
      const bound = range && n < range[0] ? `is below ${range[0]}` : `is above ${range ? range[1] : '?'}`;
      const when = parent['x-pbs-checked-on'] === 'use' ? `fails when it uses ${owner(ctx)}` : `cannot load ${owner(ctx)}`;
      return make('out-of-range', 'error', `${subj} ${bound} (the value must fit ${rust}); PBS reads the file but ${when}`);
    }
    case 'minLength': {
      const len = typeof data === 'string' ? [...data].length : 0;
      return make('invalid-value', 'error', `${subj} is too short: at least ${String(params.limit)} characters, not ${len}`);
    }
    case 'maxLength': {
      const len = typeof data === 'string' ? [...data].length : 0;
      return make('invalid-value', 'error', `${subj} is too long: at most ${String(params.limit)} characters, not ${len}`);
    }
    case 'minItems':
      if (!isSpan(at.loc) && at.loc.k === 'list' && at.loc.partial) return undefined;
      return make('invalid-value', 'error', `${label}${member ? `: ${member}` : ''} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return make('invalid-value', 'error', `${label}${member ? `: ${member}` : ''} has more than ${String(params.limit)} items`);
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(String);
      const suggestion = typeof data === 'string' ? suggest(data, allowed) : undefined;
      const { severity, suffix } = unknownEnumVerdict(parent, ctx);
      return make('invalid-enum', severity, `${subj} is not one of ${allowed.join(', ')}${suffix}${didYouMean(suggestion)}`, at.span, suggestion !== undefined ? { suggestion, allowed } : { allowed });
    }
    case 'const':
      return make('invalid-value', 'error', `${subj} must be ${JSON.stringify(params.allowedValue)}`);
    case 'format': {
      const format = String(params.format);
      const failure = typeof data === 'string' ? FORMATS[format]?.(data) : undefined;
      const reason = failure ? `: ${failure.reason}` : '';
      const range = failure && failure.offset >= 0 ? innerRange(at.span, failure.offset, failure.length) : at.span;
      const where = range.end > range.start ? range : at.span;
      return make(formatCode(format), 'error', `${subj} is not a valid ${FORMAT_LABELS[format] ?? format}${reason}${late || stageSuffix(failure?.stage, ctx)}`, where);
    }
    case 'pattern': {
      const at0 = typeof data === 'string' ? patternFailureOffset(String(params.pattern), data) : undefined;
      const range = at0 !== undefined ? innerRange(at.span, at0, 1) : at.span;
      const what = at0 !== undefined ? `: ${describeChar(data as string, at0)} is not allowed there` : '';
      return make('invalid-format', 'error', `${subj} does not match the pattern ${String(params.pattern)}${what}${late}`, range.end > range.start ? range : at.span);
    }
    case 'type':
      return make('invalid-value', 'error', `${subj} must be of type ${String(params.type)}`);
    case 'required': {
      const loc = at.loc;
      const names = ((params.missingAll as string[] | undefined) ?? [String(params.missingProperty)]).filter(
        (n) => isSpan(loc) || loc.k !== 'ps' || !loc.failed?.has(n),
      );
      if (names.length === 0) return undefined;
      const rule = ruleCondition(err, loc);
      const list = names.map((n) => `'${n}'`).join(', ');
      const why = rule ? ` required with ${rule}` : ' missing and not optional';
      const message = names.length === 1 ? `${label}: the member ${list} is${why}` : `${label}: the members ${list} are${why}`;
      return make('invalid-property-string', 'error', `${message}${late}`, wholeSpan(loc), { missing: names });
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return make('invalid-property-string', 'error', `${label}: unknown member '${name}'`, memberKeySpan(at.loc, name) ?? at.span);
    }
    case 'false schema': {
      const keySpan = member !== undefined && at.container ? memberKeySpan(at.container, member) : undefined;
      const rule = at.container ? ruleCondition(err, at.container) : undefined;
      const why = rule ? `is only allowed with ${rule}` : 'is not allowed here';
      return make('invalid-property-string', 'error', `${label}: the member '${member ?? label}' ${why}`, keySpan ? extendTo(keySpan, at.span) : at.span);
    }
    case 'if':
    case 'then':
    case 'else':
      return undefined;
    case 'uniqueItems':
      return make('invalid-value', 'error', `${label} lists the same value twice`);
    case 'not':
      return make('invalid-value', 'error', `${subj} is not allowed`);
    case 'anyOf':
    case 'oneOf':
      return make('invalid-value', 'error', `${subj} matches none of the allowed forms`);
    case 'dependencies':
    case 'dependentRequired':
      return make('missing-required', 'error', `${label} requires ${String(params.missingProperty)} to be set too`);
    default:
      return make('invalid-value', 'error', `${subj} fails the schema rule '${err.keyword}'`);
  }
}

function extendTo(a: { start: number; end: number }, b: { start: number; end: number }): { start: number; end: number } {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/**
 * For an error that comes from a property string's if/then/else rule, the condition in the
 * admin's words ("type=s3"), read from the `if` schema's `const` members.
 */
function ruleCondition(err: ErrorObject, loc: Loc): string | undefined {
  if (!/\/(then|else)\//.test(err.schemaPath) || isSpan(loc) || loc.k !== 'ps') return undefined;
  const cond = loc.schema.if as PbsSchema | undefined;
  const parts: string[] = [];
  for (const [name, sub] of Object.entries(cond?.properties ?? {})) {
    if (sub.const !== undefined) parts.push(`${name}=${String(sub.const)}`);
    else if (sub.enum !== undefined) parts.push(`${name}=${sub.enum.map(String).join('|')}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
