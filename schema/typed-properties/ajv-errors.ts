// ajv's errors about a typed object → problems at the line, member or list item they concern,
// in an admin's words: bounds, lengths, enums (with PBS's late checks of optional-format enums),
// formats (pointing at the character), patterns, property-string rules.
import type { ErrorObject } from 'ajv';
import type { Span } from '../../grammar/ast.ts';
import { RUST_INT_RANGES } from '../ajv.ts';
import { FORMATS, FORMAT_LABELS, describeChar, formatCode, patternFailureOffset } from '../formats/index.ts';
import type { DiagnosticCode, Problem, Severity } from '../problem.ts';
import type { PbsSchema } from '../registry.ts';
import { didYouMean, suggest } from '../suggest.ts';
import { owner, subject, type Context } from './context.ts';
import { innerRange, isSpan, wholeSpan, type Loc, type LocMember, type LocPs } from './locations.ts';

/**
 * An empty value that is too short is not also reported for its format or pattern ("too short" and
 * "an empty name is not allowed" are one problem; PBS checks the length first and stops there).
 */
export function oneReportPerEmptyValue(errors: ErrorObject[]): ErrorObject[] {
  let empty: Set<string> | undefined;
  for (const err of errors) if (err.keyword === 'minLength' && err.data === '') (empty ??= new Set()).add(err.instancePath);
  if (empty === undefined) return errors;
  return errors.filter((err) => !((err.keyword === 'format' || err.keyword === 'pattern') && empty.has(err.instancePath)));
}

/** One error per object for its missing members (ajv reports each one separately). */
export function mergeRequired(errors: ErrorObject[]): ErrorObject[] {
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

export function decodePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface Located {
  /** Range of the value (or member/item) the error is about. */
  span: Span;
  label: string;
  member: string | undefined;
  /** The structure at the error's instance path, for errors about members of it. */
  loc: Loc;
  /** The property string holding `member`, when the path ends at a member. */
  container: LocPs | undefined;
}

export function locate(locs: Record<string, Loc>, segs: string[]): Located | undefined {
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

export function describe(err: ErrorObject, at: Located, ctx: Context): Problem | undefined {
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
