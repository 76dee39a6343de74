// Completion: what may be typed at the cursor, from the schema and the workspace. Section types
// and whole-section snippets at a header position, the keys a section still lacks, and values:
// enum members, booleans, the names of objects that exist (datastores, remotes, pools, drives,
// users, tokens, notification targets, builtins), schedule presets, sizes, property-string
// members; acl.cfg fields and node.cfg keys. Plain data in offsets; never throws.
import { CALENDAR_KEYWORDS, parseCalendarEvent } from '../grammar/calendar-event.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { kindSchema, sectionSchema, sectionTypes, type PbsSchema, type RefAnnotation } from '../schema/registry.ts';
import { enumMeaning, sectionAt, typeSummary } from './hover.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import { fitsTyped } from './fuzzy.ts';
import { RUST_WS_CLASS } from '../grammar/line-rules.ts';

// Lines are split on Rust white space, as PBS and grammar/ do, which is not JavaScript's `\s`:
// U+FEFF, for one, is `\s` but part of a key for PBS.
const WS = new RegExp(`[${RUST_WS_CLASS}]`);
const STARTS_WITH_WS = new RegExp(`^[${RUST_WS_CLASS}]`);
const LEADING_WS = new RegExp(`^[${RUST_WS_CLASS}]*`);
const FIRST_WORD = new RegExp(`^[^${RUST_WS_CLASS}]+`);
const WS_OR_COLON = new RegExp(`[${RUST_WS_CLASS}:]`);

export type CompletionKind = 'keyword' | 'property' | 'value' | 'reference' | 'snippet' | 'enum';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` is an LSP snippet (`${1:name}` placeholders). */
  isSnippet: boolean;
  /** The text the entry replaces, as offsets. */
  start: number;
  end: number;
  sortText?: string;
}

/** Schedules admins use most, after the keywords (hourly, daily, …). */
const SCHEDULE_PRESETS = ['mon..fri 02:00', 'sat 03:00', '*:0/15', '*:0/30', '02:30', 'sun 01:00', '1..7 sat 02:00'];
/** Sizes offered for byte properties, binary units first (what PBS prints). */
const SIZE_EXAMPLES = ['10MiB', '100MiB', '1GiB', '512KiB', '10MB'];
const INT_SIZE_EXAMPLES: [string, string][] = [
  ['1048576', '1 MiB'],
  ['67108864', '64 MiB'],
  ['1073741824', '1 GiB'],
];
const RETENTION_EXAMPLES = ['keep', 'overwrite', '30 days', '1 week', '6 months'];
/** Placeholders for required keys in section snippets, where the key name says too little. */
const PLACEHOLDERS: Record<string, string> = {
  'datastore.cfg/datastore/path': '/mnt/datastore/…',
  'tape.cfg/virtual/path': '/var/tape/…',
  'tape.cfg/lto/path': '/dev/tape/by-id/…',
  'tape.cfg/changer/path': '/dev/tape/by-id/…',
};

/**
 * How many reference candidates one answer may hold (the server's `pbs.limits.maxResults`):
 * set for the duration of one completionsAt call. Beyond it, candidates are narrowed to those that
 * fit what is typed and cut, with one more than the limit kept so the caller can tell.
 */
let refBudget: { max: number; text: string; cursor: number } | undefined;

export interface CompletionOptions {
  /** At most this many references (10k datastores): one more is returned when there were more. */
  maxReferences?: number;
}

export function completionsAt(file: WorkspaceFile, workspace: Workspace, offset: number, options: CompletionOptions = {}): CompletionEntry[] {
  refBudget = options.maxReferences !== undefined ? { max: options.maxReferences, text: file.text, cursor: offset } : undefined;
  try {
    if (!Number.isFinite(offset) || offset < 0 || offset > file.text.length) return [];
    const line = lineAround(file.text, offset);
    switch (file.parsed.family) {
      case 'section-config':
        return sectionCompletions(file, workspace, line);
      case 'key-value':
        return nodeCompletions(file, workspace, line);
      case 'acl':
        return aclCompletions(file, workspace, line);
      default:
        return [];
    }
  } finally {
    refBudget = undefined;
  }
}

interface Line {
  text: string;
  /** Offset of the line's start, of the cursor, of the line's end (before its break). */
  start: number;
  cursor: number;
  end: number;
  /** The line's text up to the cursor. */
  before: string;
}

function lineAround(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { text: text.slice(start, end), start, cursor: offset, end, before: text.slice(start, offset) };
}

/** End of the run of characters not in `stops` from `from`. */
function wordEnd(text: string, from: number, stops: RegExp): number {
  let i = from;
  while (i < text.length && !stops.test(text[i])) i++;
  return i;
}

// ------------------------------------------------------------------------------ section-config

function sectionCompletions(file: WorkspaceFile, workspace: Workspace, line: Line): CompletionEntry[] {
  const kind = file.kind.name;
  const indent = LEADING_WS.exec(line.before)![0].length;
  if (indent === 0) {
    if (line.before.includes(':')) return [];
    return headerItems(kind, line.start, line.start + wordEnd(line.text, 0, WS_OR_COLON));
  }
  const header = headerAbove(file.text, line.start);
  if (!header) return [];
  const schema = sectionSchema(kind, header.type);
  if (!schema) return [];
  const rest = line.before.slice(indent);
  const keyStart = line.start + indent;
  if (!WS.test(rest)) {
    const section = file.parsed.family === 'section-config' ? sectionAt(file.parsed.ast.sections, header.start) : undefined;
    const present = new Set((section?.properties ?? []).filter((p) => p.start !== line.start).map((p) => p.key.text));
    return keyItems(schema, present, schema['x-pbs-id-property'], keyStart, line.start + wordEnd(line.text, indent, WS), ' ');
  }
  const key = FIRST_WORD.exec(rest)![0];
  const valueStart = keyStart + key.length + LEADING_WS.exec(rest.slice(key.length))![0].length;
  const props = schema.properties ?? {};
  if (!Object.hasOwn(props, key)) return [];
  return valueItems(file, workspace, props[key], line, valueStart);
}

/** The `type: id` header of the section the line at `lineStart` belongs to (no blank line between). */
function headerAbove(text: string, lineStart: number): { type: string; start: number } | undefined {
  let end = lineStart;
  while (end > 0) {
    let s = end - 1;
    if (text[s] === '\n' && text[s - 1] === '\r') s--;
    const prevEnd = s;
    let prevStart = prevEnd;
    while (prevStart > 0 && text.charCodeAt(prevStart - 1) !== 10 && text.charCodeAt(prevStart - 1) !== 13) prevStart--;
    const prev = text.slice(prevStart, prevEnd);
    if (prev.trim() === '') return undefined;
    if (!STARTS_WITH_WS.test(prev)) {
      const m = /^([^\s:]+):/.exec(prev);
      return m ? { type: m[1], start: prevStart } : undefined;
    }
    end = prevStart;
  }
  return undefined;
}

function headerItems(kind: string, start: number, end: number): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  sectionTypes(kind).forEach((type, i) => {
    const s = sectionSchema(kind, type)!;
    out.push({ label: type, kind: 'keyword', detail: `section type of ${kind}`, documentation: s.description, insertText: `${type}: `, isSnippet: false, start, end, sortText: `0${pad(i)}` });
    const required = (s.required ?? []).filter((k) => k !== s['x-pbs-id-property']);
    let n = 1;
    const body = [`${type}: \${${n++}:name}`];
    for (const k of required) {
      const ps = s.properties?.[k];
      const enumValues = ps?.enum?.map(String).filter((v) => !/[,|$}\\]/.test(v));
      const ph = enumValues?.length ? `\${${n++}|${enumValues.join(',')}|}` : `\${${n++}:${escapeSnippet(PLACEHOLDERS[`${kind}/${type}/${k}`] ?? k)}}`;
      body.push(`\t${k} ${ph}`);
    }
    out.push({
      label: `${type}: …`,
      kind: 'snippet',
      detail: required.length ? `new ${type} with ${required.join(', ')}` : `new ${type}`,
      documentation: s.description,
      insertText: body.join('\n') + '\n',
      isSnippet: true,
      start,
      end,
      sortText: `1${pad(i)}`,
    });
  });
  return out;
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}

/** Keys of `owner` not yet in `present` (repeatable keys always), with their docs. */
function keyItems(owner: PbsSchema, present: Set<string>, idProperty: unknown, start: number, end: number, after: string): CompletionEntry[] {
  const props = owner.properties ?? {};
  const required = new Set(owner.required ?? []);
  const since = (owner['x-pbs-since'] ?? {}) as Record<string, string>;
  const out: CompletionEntry[] = [];
  Object.keys(props).forEach((key, i) => {
    const s = props[key];
    if (key === idProperty || s === (false as unknown)) return;
    const repeatable = s.type === 'array' && !s['x-pbs-list'];
    if (present.has(key) && !repeatable) return;
    const deprecated = typeof s['x-pbs-deprecated'] === 'string';
    const doc = [deprecated ? `**Deprecated:** ${s['x-pbs-deprecated']}` : '', s.description ?? '', Object.hasOwn(since, key) ? `Since ${since[key]}.` : '']
      .filter(Boolean)
      .join('\n\n');
    out.push({
      label: key,
      kind: 'property',
      detail: `${typeSummary(s)}${required.has(key) ? ' (required)' : ''}${deprecated ? ' (deprecated)' : ''}`,
      documentation: doc,
      insertText: `${key}${after}`,
      isSnippet: false,
      start,
      end,
      sortText: `${required.has(key) ? 0 : deprecated ? 9 : 1}${pad(i)}`,
    });
  });
  return out;
}

// ------------------------------------------------------------------------------------- values

function valueItems(file: WorkspaceFile, workspace: Workspace, schema: PbsSchema, line: Line, valueStart: number): CompletionEntry[] {
  const s = schema.type === 'array' && !schema['x-pbs-list'] && schema.items ? schema.items : schema;
  const text = file.text;
  const lineEnd = line.end;
  if (s['x-pbs-property-string']) return propertyStringItems(file, workspace, s, text.slice(valueStart, lineEnd), valueStart, line.cursor);
  if (s['x-pbs-list']) {
    const before = text.slice(valueStart, line.cursor);
    const itemStart = valueStart + Math.max(...[',', ';', ' ', '\t'].map((c) => before.lastIndexOf(c))) + 1;
    const itemEnd = wordEnd(text, line.cursor, /[,; \t\r\n]/);
    return candidates(file, workspace, s.items ?? {}, itemStart, itemEnd);
  }
  let end = lineEnd;
  while (end > valueStart && /\s/.test(text[end - 1])) end--;
  return candidates(file, workspace, s, valueStart, Math.max(end, Math.min(line.cursor, lineEnd)));
}

function propertyStringItems(file: WorkspaceFile, workspace: Workspace, schema: PbsSchema, value: string, valueStart: number, cursor: number): CompletionEntry[] {
  const rel = cursor - valueStart;
  const segStart = value.lastIndexOf(',', rel - 1) + 1;
  let segEnd = value.indexOf(',', rel);
  if (segEnd < 0) segEnd = value.trimEnd().length;
  const seg = value.slice(segStart, rel);
  const members = schema.properties ?? {};
  const eq = seg.indexOf('=');
  if (eq >= 0) {
    const name = seg.slice(0, eq).trim();
    if (!Object.hasOwn(members, name)) return [];
    const m = members[name];
    return candidates(file, workspace, m.type === 'array' && m.items ? m.items : m, valueStart + segStart + eq + 1, valueStart + Math.max(segEnd, rel));
  }
  const used = new Set<string>();
  for (const part of value.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) used.add(part.slice(0, i).trim());
  }
  const start = valueStart + segStart + (seg.length - seg.trimStart().length);
  const end = valueStart + Math.max(rel, segStart + wordEnd(value.slice(segStart), 0, /[=,]/));
  const out = keyItems(schema, used, undefined, start, end, '=');
  const dk = schema['x-pbs-default-key'];
  if (dk !== undefined && Object.hasOwn(members, dk) && segStart === 0) out.push(...candidates(file, workspace, members[dk], start, end));
  return out;
}

/** The values a schema takes at a position: enum, boolean, references, schedules, sizes, default. */
function candidates(file: WorkspaceFile, workspace: Workspace, s: PbsSchema, start: number, end: number): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const push = (label: string, kind: CompletionKind, detail?: string, documentation?: string) => {
    if (seen.has(label)) return;
    seen.add(label);
    out.push({ label, kind, detail, documentation, insertText: label, isSnippet: false, start, end, sortText: `${kind === 'reference' ? 0 : 1}${pad(out.length)}` });
  };
  const isDefault = (v: string) => (s.default !== undefined && String(s.default) === v ? ' (default)' : '');
  if (s.enum) for (const v of s.enum.map(String)) push(v, 'enum', `${typeSummary(s)}${isDefault(v)}`, enumMeaning(s.description, v));
  if (s.type === 'boolean') for (const v of ['true', 'false']) push(v, 'value', `boolean${isDefault(v)}`);
  const ref = s['x-pbs-ref'];
  if (ref) {
    const budget = refBudget;
    const typed = budget ? budget.text.slice(start, Math.max(start, Math.min(budget.cursor, end))) : '';
    for (const r of refCandidates(file, workspace, ref, budget && { max: budget.max, typed })) push(r.label, 'reference', r.detail, r.doc);
  }
  if (s.format === 'calendar-event' || s.format === 'media-set-policy') {
    if (s.format === 'media-set-policy') {
      push('continue', 'value', 'keep appending to the current media set');
      push('always', 'value', 'a new media set for every job run');
    }
    for (const p of [...CALENDAR_KEYWORDS, ...SCHEDULE_PRESETS]) {
      const ev = parseCalendarEvent(p);
      push(p, 'value', ev.ok ? describeCalendarEvent(ev.value) : 'calendar event');
    }
  }
  if (s.format === 'media-retention-policy') for (const v of RETENTION_EXAMPLES) push(v, 'value', s.format);
  const unit = s['x-pbs-unit'];
  if (s.format === 'human-byte') for (const v of SIZE_EXAMPLES) push(v, 'value', unit === 'bytes-per-second' ? 'size per second' : 'size');
  else if (unit === 'bytes' && s.type === 'integer') for (const [v, h] of INT_SIZE_EXAMPLES) push(v, 'value', `${h} in bytes`);
  if (s.default !== undefined && !s.enum && s.type !== 'boolean') push(String(s.default), 'value', 'default');
  return out;
}

/** The objects a reference may name that exist in the workspace, and the builtins. */
function refCandidates(
  file: WorkspaceFile,
  workspace: Workspace,
  ref: RefAnnotation,
  /** At most `max` (+1 to tell there were more), only those fitting `typed` once there are too many. */
  budget?: { max: number; typed: string },
): { label: string; detail: string; doc?: string }[] {
  const out: { label: string; detail: string; doc?: string }[] = [];
  const seen = new Set<string>();
  const details = new Map<string, string>();
  const target = ref.kind === file.kind.name ? file : workspace.siblingOfKind(file, ref.kind);
  for (const b of ref.builtins ?? []) {
    if (seen.has(b)) continue;
    seen.add(b);
    out.push({ label: b, detail: 'built in' });
  }
  if (target && target.parsed.family !== 'json') {
    const defs = workspace.definitions(target);
    const narrow = budget !== undefined && defs.length > budget.max && budget.typed !== '';
    for (const d of defs) {
      if (ref.sectionTypes?.length && !ref.sectionTypes.includes(d.sectionType)) continue;
      const id = d.id.text;
      if (id === '' || seen.has(id) || (narrow && !fitsTyped(id, budget.typed))) continue;
      seen.add(id);
      let detail = details.get(d.sectionType);
      if (detail === undefined) details.set(d.sectionType, (detail = `${d.sectionType} in ${ref.kind}`));
      out.push({ label: id, detail });
      if (budget && out.length > budget.max) break;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------ node.cfg

function nodeCompletions(file: WorkspaceFile, workspace: Workspace, line: Line): CompletionEntry[] {
  const schema = kindSchema(file.kind.name);
  if (!schema || line.before.startsWith('#')) return [];
  const colon = line.before.indexOf(':');
  if (colon < 0) {
    if (/\s/.test(line.before.trim())) return [];
    const present = new Set(file.parsed.family === 'key-value' ? file.parsed.ast.properties.filter((p) => p.start !== line.start).map((p) => p.key.text) : []);
    const lead = line.before.length - line.before.trimStart().length;
    return keyItems(schema, present, undefined, line.start + lead, line.start + wordEnd(line.text, lead, /[\s:]/), ': ');
  }
  const key = line.before.slice(0, colon).trim();
  const props = schema.properties ?? {};
  if (!Object.hasOwn(props, key)) return [];
  const valueStart = line.start + colon + 1 + /^\s*/.exec(line.before.slice(colon + 1))![0].length;
  return valueItems(file, workspace, props[key], line, valueStart);
}

// ------------------------------------------------------------------------------------- acl.cfg

function aclCompletions(file: WorkspaceFile, workspace: Workspace, line: Line): CompletionEntry[] {
  const schema = kindSchema(file.kind.name);
  if (!schema) return [];
  const parts = line.before.split(':');
  const field = parts.length - 1;
  const fieldStart = line.start + line.before.lastIndexOf(':') + 1;
  const fieldEnd = line.start + wordEnd(line.text, line.before.length, /:/);
  if (field === 0) {
    if (line.before.trim() !== line.before) return [];
    const end = line.start + wordEnd(line.text, 0, /:/);
    return [
      { label: 'acl', kind: 'keyword', detail: 'ACL entry', insertText: 'acl:', isSnippet: false, start: line.start, end, sortText: '0' },
      {
        label: 'acl:1:/path:user@realm:Role',
        kind: 'snippet',
        detail: 'new ACL entry',
        documentation: schema.description as string | undefined,
        insertText: 'acl:${1|1,0|}:${2:/datastore/…}:${3:user@realm}:${4:Role}',
        isSnippet: true,
        start: line.start,
        end,
        sortText: '1',
      },
    ];
  }
  const fields = (schema['x-pbs-fields'] ?? {}) as Record<string, PbsSchema>;
  if (field === 1) return candidates(file, workspace, fields.propagate ?? {}, fieldStart, fieldEnd);
  if (field === 2) return pathItems(file, workspace, schema, fieldStart, fieldEnd);
  const listStart = (fieldName: string) => {
    const cur = parts[parts.length - 1];
    const lead = cur.lastIndexOf(',') + 1;
    const start = fieldStart + lead + (cur.slice(lead).length - cur.slice(lead).trimStart().length);
    const end = line.start + wordEnd(line.text, line.before.length, /[:,]/);
    const whole = line.text.slice(fieldStart - line.start, fieldEnd - line.start).split(',');
    const at = cur.split(',').length - 1;
    const used = new Set(whole.filter((_, i) => i !== at).map((x) => x.trim()));
    return { start, end, used, schema: fields[fieldName]?.items ?? {} };
  };
  if (field === 3) {
    const { start, end, used, schema: s } = listStart('ugid');
    return candidates(file, workspace, s, start, end).filter((c) => !used.has(c.label));
  }
  if (field === 4) {
    const { start, end, used, schema: s } = listStart('roles');
    const roles = (schema['x-pbs-roles'] ?? {}) as Record<string, { description?: string; privileges?: unknown }>;
    return candidates(file, workspace, s, start, end).filter((c) => !used.has(c.label)).map((c) => {
      const r = Object.hasOwn(roles, c.label) ? roles[c.label] : undefined;
      const privs = r?.privileges === 'all' ? 'all privileges' : Array.isArray(r?.privileges) ? r.privileges.join(', ') || 'no privileges' : undefined;
      return { ...c, detail: r?.description ?? c.detail, documentation: privs ? `Privileges: ${privs}` : c.documentation };
    });
  }
  return [];
}

function pathItems(file: WorkspaceFile, workspace: Workspace, schema: PbsSchema, start: number, end: number): CompletionEntry[] {
  const templates = (schema['x-pbs-acl-paths'] ?? []) as { path: string; description?: string; 'x-pbs-ref'?: RefAnnotation }[];
  const out: CompletionEntry[] = [];
  const push = (label: string, detail: string | undefined, kind: CompletionKind) => {
    if (!out.some((o) => o.label === label)) out.push({ label, kind, detail, insertText: label, isSnippet: false, start, end, sortText: pad(out.length) });
  };
  for (const t of templates) {
    const brace = t.path.indexOf('{');
    if (brace < 0) {
      push(t.path, t.description, 'value');
      continue;
    }
    const prefix = t.path.slice(0, brace);
    if (!t['x-pbs-ref']) continue;
    for (const r of refCandidates(file, workspace, t['x-pbs-ref'])) push(`${prefix}${r.label}`, t.description, 'reference');
  }
  return out;
}
