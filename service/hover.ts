// Hover: what the text under the cursor means to PBS. On a key: the schema's description, type,
// bounds, default, unit, the release that introduced it, deprecation. On a value: sizes in bytes
// (and PBS's IEC and SI forms), time spans, schedules in words with their next runs, epochs, enum
// values, booleans, property-string members and references (the target's summary). Plain data in
// offsets; the server turns it into an LSP Hover. Never throws: any offset of any text is fine.
import type { AclEntryNode, PropertyNode, SectionNode, Span } from '../grammar/ast.ts';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { parseHumanByte } from '../grammar/human-byte.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { parseTimeSpan } from '../grammar/time-span.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { formatEpoch, zonedTime } from '../core/format/epoch.ts';
import { formatHumanByte, formatHumanByteValue, humanByteToU64 } from '../core/format/human-byte.ts';
import { nextRuns } from '../core/format/next-runs.ts';
import { formatTimeSpan } from '../core/format/time-span.ts';
import { FORMAT_LABELS } from '../schema/formats.ts';
import { kindSchema, propertySchema, sectionSchema, type PbsSchema, type RefAnnotation } from '../schema/registry.ts';
import { referencesIn, type Reference } from '../schema/references.ts';
import { linesOf } from './line-index.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

export interface HoverOptions {
  /** Markdown (the client's hover contentFormat allows it) or plain text. */
  markdown: boolean;
  /** The moment next runs are computed from (default: now). */
  now?: Date;
  /** IANA zone for local times (default: the process's zone, TZ honoured). */
  timeZone?: string;
}

export interface HoverResult {
  contents: string;
  /** The hovered span, as offsets into the file's text. */
  start: number;
  end: number;
}

/** How many runs of a schedule a hover lists. */
const RUNS = 5;

/** The hover at `offset` of `file`, or undefined where there is nothing to say. */
export function hoverAt(file: WorkspaceFile, workspace: Workspace, offset: number, options: HoverOptions): HoverResult | undefined {
  if (!Number.isFinite(offset) || offset < 0 || offset > file.text.length) return undefined;
  const w = new Writer(options.markdown);
  const ctx: Ctx = { file, workspace, options, w };
  const span = hoverIn(ctx, offset);
  if (!span || w.empty) return undefined;
  return { contents: w.text(), start: span.start, end: span.end };
}

interface Ctx {
  file: WorkspaceFile;
  workspace: Workspace;
  options: HoverOptions;
  w: Writer;
}

type Range = { start: number; end: number };

function within(span: Range, offset: number): boolean {
  return offset >= span.start && offset <= span.end && span.end > span.start;
}

function hoverIn(ctx: Ctx, offset: number): Range | undefined {
  const p = ctx.file.parsed;
  switch (p.family) {
    case 'section-config': {
      const section = sectionAt(p.ast.sections, offset);
      return section ? hoverSection(ctx, section, offset) : undefined;
    }
    case 'key-value': {
      const line = p.ast.properties.find((l) => offset >= l.start && offset <= l.end);
      return line ? hoverProperty(ctx, kindSchema(p.kind.name), undefined, line, p.ast.properties, offset) : undefined;
    }
    case 'acl': {
      const entry = p.ast.entries.find((e) => offset >= e.start && offset <= e.end);
      return entry ? hoverAcl(ctx, entry, offset) : undefined;
    }
    default:
      return undefined;
  }
}

/** The section whose range holds `offset` (sections are sorted by offset). */
export function sectionAt(sections: SectionNode[], offset: number): SectionNode | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function hoverSection(ctx: Ctx, section: SectionNode, offset: number): Range | undefined {
  const kind = ctx.file.kind.name;
  const schema = sectionSchema(kind, section.type.text);
  const { w } = ctx;
  if (within(section.type, offset)) {
    w.title(`${section.type.text}:`, 'section type');
    if (!schema) {
      w.para(`Unknown section type in ${kind}.`);
      return section.type;
    }
    w.para(schema.description);
    if (typeof schema['x-pbs-added'] === 'string') w.field('Since', schema['x-pbs-added']);
    return section.type;
  }
  if (within(section.id, offset)) {
    const idSchema = schema?.['x-pbs-id'];
    w.title(section.id.text, `${section.type.text} id`);
    if (idSchema) w.para(idSchema.description);
    summary(ctx, ctx.file, section, false);
    if (idSchema?.['x-pbs-ref']) refLines(ctx, section.id, idSchema, section);
    return section.id;
  }
  const line = section.properties.find((l) => offset >= l.start && offset <= l.end);
  if (!line) return undefined;
  return hoverProperty(ctx, schema, section.type.text, line, section.properties, offset, section);
}

function hoverProperty(
  ctx: Ctx,
  owner: PbsSchema | undefined,
  type: string | undefined,
  line: PropertyNode,
  lines: PropertyNode[],
  offset: number,
  section?: SectionNode,
): Range | undefined {
  const key = line.key.text;
  const schema = owner?.properties && Object.hasOwn(owner.properties, key) ? owner.properties[key] : undefined;
  const since = sinceOf(owner, key);
  if (within(line.key, offset)) {
    if (!schema) {
      ctx.w.title(key, 'unknown key');
      ctx.w.para(type !== undefined ? `Not a property of a \`${type}\` section in ${ctx.file.kind.name}.` : `Not a key of ${ctx.file.kind.name}.`);
      return line.key;
    }
    keyDoc(ctx.w, key, schema, since);
    return line.key;
  }
  if (!schema || !within(line.value, offset)) return undefined;
  const valueSchema = schema.type === 'array' && !schema['x-pbs-list'] && schema.items ? schema.items : schema;
  if (valueSchema['x-pbs-property-string']) return hoverPropertyString(ctx, key, valueSchema, line.value, offset, section);
  if (valueSchema['x-pbs-list']) {
    const item = listItemAt(line.value, offset);
    if (!item) return undefined;
    valueDoc(ctx, key, valueSchema.items ?? {}, item, lines, section, key);
    return item;
  }
  valueDoc(ctx, key, valueSchema, line.value, lines, section, key);
  return line.value;
}

function listItemAt(value: Span, offset: number): Span | undefined {
  const re = /[^,; \t\n\f\r]+/g;
  for (let m = re.exec(value.text); m; m = re.exec(value.text)) {
    const s = { text: m[0], start: value.start + m.index, end: value.start + m.index + m[0].length };
    if (offset >= s.start && offset <= s.end) return s;
  }
  return undefined;
}

function hoverPropertyString(ctx: Ctx, key: string, schema: PbsSchema, value: Span, offset: number, section?: SectionNode): Range | undefined {
  // Property strings are read from the raw text: the AST's value text is that text trimmed.
  const ast = parsePropertyString(value.text, value.start);
  const entry = ast.entries.find((e) => offset >= e.start && offset <= e.end);
  const members = schema.properties ?? {};
  if (!entry) {
    keyDoc(ctx.w, key, schema, undefined);
    return value;
  }
  const name = entry.key?.text ?? schema['x-pbs-default-key'];
  const member = name !== undefined && Object.hasOwn(members, name) ? members[name] : undefined;
  const since = name !== undefined ? sinceOf(schema, name) : undefined;
  if (entry.key && within(entry.key, offset)) {
    if (!member) {
      ctx.w.title(entry.key.text, 'unknown member');
      ctx.w.para(`\`${key}\` has no member \`${entry.key.text}\`; it takes ${Object.keys(members).map((m) => `\`${m}\``).join(', ') || 'none'}.`);
      return entry.key;
    }
    keyDoc(ctx.w, `${key}: ${entry.key.text}`, member, since);
    return entry.key;
  }
  if (!member || name === undefined) return undefined;
  const v = entry.value;
  const span = { text: v.text, start: v.start, end: v.end };
  valueDoc(ctx, name, member.type === 'array' && member.items ? member.items : member, span, [], section, `${key}.${name}`);
  return span;
}

function sinceOf(owner: PbsSchema | undefined, key: string): string | undefined {
  const since = owner?.['x-pbs-since'];
  if (since && typeof since === 'object' && Object.hasOwn(since, key)) {
    const v = (since as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- keys

/** `integer, 1 to 32` style summary of a schema's type and bounds. */
export function typeSummary(schema: PbsSchema): string {
  const s = schema.type === 'array' && schema.items && !schema['x-pbs-list'] ? schema.items : schema;
  const parts: string[] = [];
  let type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'value');
  if (s['x-pbs-property-string']) type = 'property string';
  else if (s['x-pbs-list']) type = `list of ${s.items?.type ?? 'values'}`;
  else if (s.format && FORMAT_LABELS[s.format]) type = `${type} (${FORMAT_LABELS[s.format]})`;
  if (schema.type === 'array' && !schema['x-pbs-list']) type += ', repeatable key';
  parts.push(type);
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : undefined);
  if (typeof min === 'number' && typeof max === 'number') parts.push(`${min} to ${max}`);
  else if (min !== undefined) parts.push(typeof min === 'number' ? `≥ ${min}` : min);
  else if (max !== undefined) parts.push(typeof max === 'number' ? `≤ ${max}` : max);
  if (s.minLength !== undefined && s.maxLength !== undefined) parts.push(`${s.minLength} to ${s.maxLength} characters`);
  else if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
  else if (s.minLength !== undefined && s.minLength > 1) parts.push(`at least ${s.minLength} characters`);
  return parts.join(', ');
}

function keyDoc(w: Writer, key: string, schema: PbsSchema, since: string | undefined): void {
  w.title(key, typeSummary(schema));
  if (schema['x-pbs-deprecated']) w.para(`${w.b('Deprecated:')} ${schema['x-pbs-deprecated']}`);
  w.para(schema.description);
  const enumValues = schema.enum ?? (schema.type === 'array' ? schema.items?.enum : undefined);
  if (enumValues) w.field('Values', enumValues.map((v) => w.c(String(v))).join(', '));
  if (schema['x-pbs-property-string'] && schema.properties) w.field('Members', Object.keys(schema.properties).map((m) => w.c(m)).join(', '));
  if (schema.default !== undefined) w.field('Default', w.c(String(schema.default)));
  const unit = schema['x-pbs-unit'] ?? schema.items?.['x-pbs-unit'];
  if (unit) w.field('Unit', UNIT_WORDS[unit] ?? unit);
  const ref = schema['x-pbs-ref'] ?? schema.items?.['x-pbs-ref'];
  if (ref) w.field('Refers to', refTarget(ref));
  if (since) w.field('Since', since);
}

const UNIT_WORDS: Record<string, string> = {
  bytes: 'bytes',
  'bytes-per-second': 'bytes per second',
  'requests-per-second': 'requests per second',
  seconds: 'seconds',
  minutes: 'minutes',
  days: 'days',
  epoch: 'seconds since the Unix epoch (UTC)',
};

function refTarget(ref: RefAnnotation): string {
  // Names of whole files (acme/accounts) have no section types.
  const types = ref.sectionTypes?.length ? ref.sectionTypes.join(' or ') : 'an object';
  return `${types} in ${ref.kind}`;
}

// -------------------------------------------------------------------------------------- values

function valueDoc(ctx: Ctx, key: string, schema: PbsSchema, value: Span, lines: PropertyNode[], section: SectionNode | undefined, label: string): void {
  const { w } = ctx;
  const text = value.text;
  const unit = schema['x-pbs-unit'];
  if (schema['x-pbs-ref']) {
    w.title(text, `${label}: ${refTarget(schema['x-pbs-ref'])}`);
    refLines(ctx, value, schema, section, lines);
    return;
  }
  if (schema.enum) {
    w.title(text, label);
    if (schema.enum.map(String).includes(text)) {
      const meaning = enumMeaning(schema.description, text);
      w.para(meaning ? `${w.c(text)}: ${meaning}` : `One of ${schema.enum.map((v) => w.c(String(v))).join(', ')}.`);
      if (schema.default !== undefined && String(schema.default) === text) w.para('This is the default.');
    } else {
      w.para(`Not a value of \`${key}\`; PBS accepts ${schema.enum.map((v) => w.c(String(v))).join(', ')}.`);
    }
    return;
  }
  if (schema.type === 'boolean') {
    const b = parseBool(text);
    w.title(text, label);
    w.para(b === undefined ? 'Not a boolean; PBS accepts 1, on, yes, true and 0, off, no, false (any case).' : `Boolean: ${w.c(String(b))}.`);
    if (schema.default !== undefined) w.field('Default', w.c(String(schema.default)));
    return;
  }
  if (schema.format === 'human-byte') {
    const r = parseHumanByte(text);
    w.title(text, label);
    if (!r.ok) w.para(`Not a size: ${r.message}.`);
    else sizeLines(w, r.value.bytes, unit === 'bytes-per-second', formatHumanByteValue(r.value));
    return;
  }
  if (schema.format === 'calendar-event' || (schema.format === 'media-set-policy' && text !== 'continue' && text !== 'always')) {
    w.title(text, label);
    scheduleLines(ctx, text);
    return;
  }
  if (schema.format === 'media-set-policy') {
    w.title(text, label);
    w.para(text === 'continue' ? 'Keep appending to the current media set.' : 'Start a new media set for every tape backup job run.');
    return;
  }
  if (schema.format === 'media-retention-policy') {
    w.title(text, label);
    if (text === 'keep') w.para('Written tapes are kept (protected) forever.');
    else if (text === 'overwrite') w.para('Written tapes may be overwritten at once.');
    else spanLines(w, text);
    return;
  }
  if ((schema.type === 'integer' || schema.type === 'number') && unit) {
    w.title(text, label);
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      w.para(`Not a number.`);
      return;
    }
    switch (unit) {
      case 'bytes':
        sizeLines(w, n, false, undefined);
        break;
      case 'bytes-per-second':
        sizeLines(w, n, true, undefined);
        break;
      case 'seconds':
      case 'minutes':
      case 'days': {
        const factor = unit === 'seconds' ? 1 : unit === 'minutes' ? 60 : 86400;
        w.para(`${n} ${n === 1 ? unit.slice(0, -1) : unit} = ${w.c(formatTimeSpan(n * factor))}`);
        break;
      }
      case 'epoch':
        epochLines(ctx, n, key);
        break;
      case 'requests-per-second':
        w.para(`${n} request${n === 1 ? '' : 's'} per second${n === 0 ? ' (0 = unlimited)' : ''}`);
        break;
      default:
        w.para(`${n} ${unit}`);
    }
    return;
  }
  if (schema.format === 'sha256-fingerprint') {
    w.title(text, label);
    const hex = text.replace(/:/g, '');
    w.para(/^[0-9a-fA-F]{64}$/.test(hex) ? `SHA-256 fingerprint (32 bytes): ${w.c(hex.toLowerCase().replace(/(..)(?!$)/g, '$1:'))}` : 'Not a SHA-256 fingerprint (32 hex byte pairs separated by `:`).');
    return;
  }
  // Anything else: the key's own documentation, short.
  w.title(text === '' ? key : text, `${label}: ${typeSummary(schema)}`);
  w.para(schema.description);
  if (schema['x-pbs-deprecated']) w.para(`${w.b('Deprecated:')} ${schema['x-pbs-deprecated']}`);
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === '1' || t === 'on' || t === 'yes' || t === 'true') return true;
  if (t === '0' || t === 'off' || t === 'no' || t === 'false') return false;
  return undefined;
}

/** What a description says about one enum value: the text after `` `value` `` in parentheses or after `=`. */
export function enumMeaning(description: string | undefined, value: string): string | undefined {
  if (!description) return undefined;
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const paren = new RegExp('`' + esc + '`\\s*\\(([^)]*)\\)').exec(description);
  if (paren) return paren[1];
  const eq = new RegExp('`' + esc + '`\\s*(?:=|:|—|-)\\s*([^;.`]*[^;.`\\s])').exec(description);
  return eq ? eq[1] : undefined;
}

/** A byte count as PBS prints it: bytes, the IEC and SI forms (per second for rates). */
function sizeLines(w: Writer, bytes: number, perSecond: boolean, written: string | undefined): void {
  const s = perSecond ? '/s' : '';
  const whole = humanByteToU64({ bytes });
  w.para(`${w.b(`${whole} bytes${s}`)}${written ? ` (${w.c(written + s)})` : ''}`);
  w.field('IEC', `${formatHumanByte(bytes, 'binary')}${s}`);
  w.field('SI', `${formatHumanByte(bytes, 'decimal')}${s}`);
}

function spanLines(w: Writer, text: string): void {
  const r = parseTimeSpan(text);
  if (!r.ok) {
    w.para(`Not a time span: ${r.message}.`);
    return;
  }
  w.para(`Time span: ${w.c(formatTimeSpan(r.value.seconds))} (${r.value.seconds} seconds)`);
}

function scheduleLines(ctx: Ctx, text: string): void {
  const { w, options } = ctx;
  const r = parseCalendarEvent(text);
  if (!r.ok) {
    w.para(`Not a calendar event: ${r.message}.`);
    return;
  }
  w.para(`Runs ${describeCalendarEvent(r.value)}.`);
  const runs = nextRuns(r.value, options.now ?? new Date(), RUNS, options.timeZone);
  if (runs.length === 0) {
    w.para('It never runs: no moment matches this event.');
    return;
  }
  const zone = zonedTime(0, options.timeZone).timeZone;
  // A machine (or TZ) on UTC: one column is enough.
  const utcOnly = zone === 'UTC' || zone === 'Etc/UTC';
  w.para(`Next ${runs.length === 1 ? 'run' : `${runs.length} runs`} (${utcOnly ? 'UTC' : `${zone} · UTC`}):`);
  w.list(runs.map((d) => {
    const t = Math.floor(d.getTime() / 1000);
    return utcOnly ? `${wallClock(t, 'UTC')} UTC` : `${wallClock(t, options.timeZone)} · ${wallClock(t, 'UTC')} UTC`;
  }));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon 2025-03-03 02:00 +01:00` (UTC without the offset); seconds only when not zero. */
function wallClock(epoch: number, timeZone: string | undefined): string {
  const z = zonedTime(epoch, timeZone);
  const [date, time] = z.wallClock.split(' ');
  const day = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  const hm = time.endsWith(':00') ? time.slice(0, 5) : time;
  if (timeZone === 'UTC') return `${day} ${date} ${hm}`;
  const off = formatEpoch(epoch, timeZone)?.local.slice(19) ?? '';
  return `${day} ${date} ${hm} ${off}`;
}

function epochLines(ctx: Ctx, n: number, key: string): void {
  const { w, options } = ctx;
  if (n === 0 && key === 'expire') {
    w.para('0 = never expires.');
    return;
  }
  const e = formatEpoch(n, options.timeZone);
  if (!e) {
    w.para(`${w.c(String(n))} seconds is beyond any calendar date (past the year 275760)${key === 'expire' ? ': in effect this never expires' : ''}.`);
    return;
  }
  w.field('Local', e.local);
  w.field('UTC', e.utc);
  if (key === 'expire') {
    const now = (options.now ?? new Date()).getTime() / 1000;
    w.para(n <= now ? 'Expired.' : `Expires in ${formatTimeSpan(n - now)}.`);
  }
}

// ---------------------------------------------------------------------------------- references

/** The reference under a value: resolved in the workspace, the target summarized. */
function refLines(ctx: Ctx, value: Span, schema: PbsSchema, section: SectionNode | undefined, lines: PropertyNode[] = []): void {
  const { w, file } = ctx;
  const ref = schema['x-pbs-ref'] as RefAnnotation & { whenAbsent?: string };
  const refs = refsNear(file, section, lines);
  const found = refs.find((r) => r.name.start >= value.start && r.name.end <= value.end);
  if (!found) {
    if (ref.whenAbsent !== undefined && lines.some((l) => l.key.text === ref.whenAbsent)) {
      w.para(`Names an object on the remote (\`${String(ref.whenAbsent)}\` is set), not checked here.`);
    }
    return;
  }
  describeRef(ctx, found);
}

function refsNear(file: WorkspaceFile, section: SectionNode | undefined, lines: PropertyNode[]): Reference[] {
  const p = file.parsed;
  if (p.family === 'section-config' && section) return referencesIn(p.kind.name, { family: 'section-config', sections: [section], problems: [] });
  if (p.family === 'key-value') return referencesIn(p.kind.name, { ...p.ast, properties: lines.length ? lines : p.ast.properties });
  return [];
}

function describeRef(ctx: Ctx, ref: Reference): void {
  const { w, file, workspace } = ctx;
  const res = workspace.resolve(file, ref);
  if (res === 'builtin') {
    w.para(`${w.c(ref.name.text)} is built in: PBS always has it, no definition needed.`);
    return;
  }
  if (res === 'unchecked') {
    w.para(`${ref.target.kind} is not in the workspace: not checked.`);
    return;
  }
  const types = ref.target.sectionTypes.length ? ref.target.sectionTypes.join(' or ') : 'object';
  if (res.length === 0) {
    w.para(`${w.b('Not found:')} no ${types} ${w.c(ref.name.text)} in ${ref.target.kind}.`);
    return;
  }
  const target = ref.target.kind === file.kind.name ? file : workspace.siblingOfKind(file, ref.target.kind);
  if (!target || target.parsed.family !== 'section-config') return;
  const def = res[0];
  const section = sectionAt(target.parsed.ast.sections, def.id.start);
  if (section) summary(ctx, target, section, true);
}

/** `datastore store1 — datastore.cfg:3` and its first few properties (secrets hidden). */
function summary(ctx: Ctx, target: WorkspaceFile, section: SectionNode, heading: boolean): void {
  const { w } = ctx;
  const line = lineOf(target, section.header.start);
  if (heading) w.para(`${w.b(`${section.type.text} ${section.id.text}`)} — ${baseName(target.path)}:${line}`);
  else w.field('Defined at', `${baseName(target.path)}:${line}`);
  const items: string[] = [];
  for (const p of section.properties) {
    if (items.length >= 6) {
      items.push('…');
      break;
    }
    const ps = propertySchema(target.kind.name, section.type.text, p.key.text);
    const secret = ps?.format === 'password' || ps?.['x-pbs-secret'] === true;
    const v = secret ? '(secret)' : p.value.text.length > 60 ? `${p.value.text.slice(0, 57)}…` : p.value.text;
    items.push(`${p.key.text} ${v}`);
  }
  if (items.length) w.list(items.map((i) => w.c(i)));
}

function baseName(path: string): string {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? path;
  return parts[parts.length - 2] === 'acme' ? `acme/${base}` : base;
}

/** 1-based line of an offset, with the editor's line rules. */
function lineOf(file: WorkspaceFile, offset: number): number {
  return linesOf(file).positionAt(offset).line + 1;
}

// ------------------------------------------------------------------------------------------ acl

interface RoleInfo {
  description?: string;
  privileges?: string[] | string;
  'x-pbs-since'?: string;
}

function hoverAcl(ctx: Ctx, entry: AclEntryNode, offset: number): Range | undefined {
  const { w, file } = ctx;
  const schema = kindSchema(file.kind.name);
  const fields = (schema?.['x-pbs-fields'] ?? {}) as Record<string, PbsSchema>;
  if (within(entry.propagate, offset)) {
    w.title(entry.propagate.text, 'propagate');
    const t = entry.propagate.text;
    w.para(t === '1' ? 'The roles also apply to everything below this path.' : t === '0' ? 'The roles apply to this path only, not below it.' : (fields.propagate?.description ?? ''));
    return entry.propagate;
  }
  if (within(entry.path, offset)) {
    w.title(entry.path.text, 'ACL path');
    const refs = referencesIn(file.kind.name, { family: 'acl', entries: [entry], problems: [] }).filter((r) => r.property === 'path');
    const tmpl = pathTemplate(schema, entry.path.text);
    if (tmpl?.description) w.para(`${tmpl.path}: ${tmpl.description}`);
    else if (fields.path?.description) w.para(fields.path.description);
    for (const r of refs) if (offset >= r.name.start && offset <= r.name.end) describeRef(ctx, r);
    return entry.path;
  }
  for (const u of entry.ugids) {
    if (!within(u, offset)) continue;
    if (u.text.startsWith('@')) {
      w.title(u.text, 'group');
      w.para('A group (PBS keeps no groups in user.cfg; the rule matches no one unless a realm provides it).');
      return u;
    }
    const isToken = u.text.lastIndexOf('!') > u.text.lastIndexOf('@');
    w.title(u.text, isToken ? 'API token' : 'user');
    const ref = referencesIn(file.kind.name, { family: 'acl', entries: [entry], problems: [] }).find((r) => r.property === 'ugid' && r.name.start === u.start);
    if (ref) describeRef(ctx, ref);
    return u;
  }
  for (const r of entry.roles) {
    if (!within(r, offset)) continue;
    const roles = (schema?.['x-pbs-roles'] ?? {}) as Record<string, RoleInfo>;
    w.title(r.text, 'role');
    const info = Object.hasOwn(roles, r.text) ? roles[r.text] : undefined;
    if (!info) {
      w.para(`Not a PBS role; PBS has ${Object.keys(roles).map((n) => w.c(n)).join(', ')}.`);
      return r;
    }
    w.para(info.description);
    const privs = info.privileges;
    w.field('Privileges', privs === 'all' ? 'all' : Array.isArray(privs) && privs.length ? privs.map((p) => w.c(p)).join(', ') : 'none');
    if (info['x-pbs-since']) w.field('Since', info['x-pbs-since']);
    return r;
  }
  return undefined;
}

function pathTemplate(schema: PbsSchema | undefined, path: string): { path: string; description?: string } | undefined {
  const templates = (schema?.['x-pbs-acl-paths'] ?? []) as { path: string; description?: string }[];
  const comps = path.split('/').filter((c) => c !== '');
  let best: { path: string; description?: string } | undefined;
  let bestScore = -1;
  for (const t of templates) {
    const tc = t.path.split('/').filter((c) => c !== '');
    let score = 0;
    let ok = true;
    for (let i = 0; i < tc.length; i++) {
      if (tc[i].endsWith('…}')) {
        score += 0;
        break;
      }
      if (i >= comps.length) {
        ok = false;
        break;
      }
      if (tc[i].startsWith('{')) score += 1;
      else if (tc[i] === comps[i]) score += 2;
      else {
        ok = false;
        break;
      }
    }
    const open = tc.length > 0 && tc[tc.length - 1].endsWith('…}');
    if (ok && (open ? comps.length >= tc.length - 1 : comps.length === tc.length) && score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

// --------------------------------------------------------------------------------------- writer

/** Collects hover text as Markdown or plain text. */
class Writer {
  private readonly blocks: string[] = [];
  constructor(private readonly markdown: boolean) {}

  get empty(): boolean {
    return this.blocks.length === 0;
  }

  b(s: string): string {
    return this.markdown ? `**${s}**` : s;
  }

  c(s: string): string {
    if (!this.markdown) return s;
    const ticks = s.includes('`') ? '``' : '`';
    return `${ticks}${ticks.length > 1 ? ' ' : ''}${s}${ticks.length > 1 ? ' ' : ''}${ticks}`;
  }

  title(name: string, what: string): void {
    this.blocks.push(this.markdown ? `${this.c(name)} — ${what}` : `${name} — ${what}`);
  }

  para(text: string | undefined): void {
    if (!text) return;
    this.blocks.push(this.markdown ? text : stripMarkdown(text));
  }

  field(name: string, value: string): void {
    const line = `${this.b(`${name}:`)} ${value}`;
    const last = this.blocks.length - 1;
    // Consecutive fields form one block (one line each).
    if (last >= 0 && this.blocks[last].startsWith(this.markdown ? '**' : '') && this.fieldBlock === last) {
      this.blocks[last] += this.markdown ? `  \n${line}` : `\n${line}`;
    } else {
      this.blocks.push(this.markdown ? line : stripMarkdown(line));
      this.fieldBlock = this.blocks.length - 1;
    }
  }

  private fieldBlock = -1;

  list(items: string[]): void {
    this.blocks.push(items.map((i) => `- ${this.markdown ? i : stripMarkdown(i)}`).join('\n'));
  }

  text(): string {
    return this.blocks.join('\n\n');
  }
}

function stripMarkdown(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1');
}

