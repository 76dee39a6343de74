// Completion: what may be typed at the cursor, from the schema and the workspace. Section types
// and whole-section snippets at a header position, the keys a section still lacks, and values:
// enum members, booleans, the names of objects that exist (datastores, remotes, pools, drives,
// users, tokens, notification targets, builtins), schedule presets, sizes, property-string
// members; acl.cfg fields and node.cfg keys. Plain data in offsets; never throws.
//
// This file finds where the cursor is (section-config headers and keys, node.cfg keys);
// completion-values.ts offers values, completion-acl.ts acl.cfg fields, completion-entry.ts
// the entries and key lists they share.
import { kindSchema, sectionSchema, sectionTypes } from '../schema/registry.ts';
import { sectionAt } from './hover-context.ts';
import { keyItems, lineAround, pad, wordEnd, type CompletionEntry, type Line } from './completion-entry.ts';
import { valueItems, type ReferenceBudget } from './completion-values.ts';
import { aclCompletions } from './completion-acl.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import { RUST_WS_CLASS } from '../grammar/line-rules.ts';

export type { CompletionEntry, CompletionKind } from './completion-entry.ts';

// Lines are split on Rust white space, as PBS and grammar/ do, which is not JavaScript's `\s`:
// U+FEFF, for one, is `\s` but part of a key for PBS.
const WS = new RegExp(`[${RUST_WS_CLASS}]`);
const STARTS_WITH_WS = new RegExp(`^[${RUST_WS_CLASS}]`);
const LEADING_WS = new RegExp(`^[${RUST_WS_CLASS}]*`);
const FIRST_WORD = new RegExp(`^[^${RUST_WS_CLASS}]+`);
const WS_OR_COLON = new RegExp(`[${RUST_WS_CLASS}:]`);

/** Placeholders for required keys in section snippets, where the key name says too little. */
const PLACEHOLDERS: Record<string, string> = {
  'datastore.cfg/datastore/path': '/mnt/datastore/…',
  'tape.cfg/virtual/path': '/var/tape/…',
  'tape.cfg/lto/path': '/dev/tape/by-id/…',
  'tape.cfg/changer/path': '/dev/tape/by-id/…',
};

export interface CompletionOptions {
  /** At most this many references (10k datastores): one more is returned when there were more. */
  maxReferences?: number;
}

export function completionsAt(file: WorkspaceFile, workspace: Workspace, offset: number, options: CompletionOptions = {}): CompletionEntry[] {
  if (!Number.isFinite(offset) || offset < 0 || offset > file.text.length) return [];
  const budget: ReferenceBudget | undefined = options.maxReferences !== undefined ? { max: options.maxReferences, cursor: offset } : undefined;
  const line = lineAround(file.text, offset);
  switch (file.parsed.family) {
    case 'section-config':
      return sectionCompletions(file, workspace, line, budget);
    case 'key-value':
      return nodeCompletions(file, workspace, line, budget);
    case 'acl':
      return aclCompletions(file, workspace, line, budget);
    default:
      return [];
  }
}

// ------------------------------------------------------------------------------ section-config

function sectionCompletions(file: WorkspaceFile, workspace: Workspace, line: Line, budget: ReferenceBudget | undefined): CompletionEntry[] {
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
  return valueItems(file, workspace, props[key], line, valueStart, budget);
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

// ------------------------------------------------------------------------------------ node.cfg

function nodeCompletions(file: WorkspaceFile, workspace: Workspace, line: Line, budget: ReferenceBudget | undefined): CompletionEntry[] {
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
  return valueItems(file, workspace, props[key], line, valueStart, budget);
}
