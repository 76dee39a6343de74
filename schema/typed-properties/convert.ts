// Conversion of a raw value to its typed value, as proxmox-schema's parse_simple_value and its
// property-string deserializer read it: booleans, i64 integers, f64 numbers, lists, property
// strings. Failures are reported at the value (or member, or item); a value that converts may
// still get a hint (calendar quirks, SI sizes), a deprecation or a base64 check.
import type { PropertyStringAst, Span } from '../../grammar/ast.ts';
import { MAX_LIST_ITEMS } from '../../grammar/limits.ts';
import { parsePropertyString } from '../../grammar/property-string.ts';
import { base64SecretFailure } from '../base64-secret.ts';
import { FORMATS, formatHints } from '../formats/index.ts';
import { FAILED, INTEGER, scalarValue, type Converted } from '../scalar-value.ts';
import { didYouMean, suggest } from '../suggest.ts';
import { owner, quote, report, subject, type Context } from './context.ts';
import { innerRange, type Loc, type LocMember } from './locations.ts';
import type { ValuePlan } from './plan.ts';

/** Where convertPs/convertList leave the structure of the value they just read (one per validation). */
export interface LocSlot {
  loc: Loc | undefined;
}

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

function convertList(plan: ValuePlan, text: string, span: Span, label: string, member: string | undefined, ctx: Context, where: LocSlot): Converted {
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
  where.loc = { k: 'list', whole: span, items: spans, partial: !ok };
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

function convertPs(plan: ValuePlan, span: Span, label: string, ctx: Context, where: LocSlot): Converted {
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
    where.loc = undefined;
    const v = convertValue(memberPlan, entry.value.text, entry.value, label, name, ctx, where);
    members[name] = { key: entry.key, value: entry.value, loc: where.loc ?? entry.value };
    if (v === FAILED) (failed ??= new Set()).add(name);
    else out[name] = v;
  }
  where.loc = { k: 'ps', whole: span, members, schema: plan.schema, failed };
  // Members that converted are still validated; a structural error (bad quoting) stops here.
  return ok ? out : FAILED;
}

/**
 * The typed value of `text` (at `span`) as `plan` reads it, or FAILED after reporting why. A list
 * or property string leaves its structure in `where.loc` (a scalar leaves it as it was).
 */
export function convertValue(plan: ValuePlan, text: string, span: Span, label: string, member: string | undefined, ctx: Context, where: LocSlot): Converted {
  switch (plan.shape) {
    case 'ps':
      return convertPs(plan, span, label, ctx, where);
    case 'list':
      return convertList(plan, text, span, label, member, ctx, where);
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
