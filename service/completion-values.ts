// Completion of values: what the value's kind (schema/values/) offers — enum members, booleans,
// schedule presets, sizes, retention policies, and for references the names of objects that exist
// (datastores, remotes, pools, drives, users, tokens, notification targets, builtins) —, then
// defaults; and property-string members.
import type { PbsSchema, RefAnnotation } from '../schema/registry.ts';
import { valueKindOf, type ValueCompletion } from '../schema/values/index.ts';
import { keyItems, pad, wordEnd, type CompletionEntry, type CompletionKind, type Line } from './completion-entry.ts';
import { typeSummary } from './hover-keys.ts';
import { fitsTyped } from './fuzzy.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

/**
 * How many reference candidates one answer may hold (the server's `pbs.limits.maxResults`), and
 * where the cursor is. Beyond `max`, candidates are narrowed to those that fit what is typed and
 * cut, with one more than the limit kept so the caller can tell.
 */
export interface ReferenceBudget {
  max: number;
  cursor: number;
}

/** The values the schema of a key takes where the cursor is on `line`, its value starting at `valueStart`. */
export function valueItems(file: WorkspaceFile, workspace: Workspace, schema: PbsSchema, line: Line, valueStart: number, budget?: ReferenceBudget): CompletionEntry[] {
  const s = schema.type === 'array' && !schema['x-pbs-list'] && schema.items ? schema.items : schema;
  const text = file.text;
  const lineEnd = line.end;
  if (s['x-pbs-property-string']) return propertyStringItems(file, workspace, s, text.slice(valueStart, lineEnd), valueStart, line.cursor, budget);
  if (s['x-pbs-list']) {
    const before = text.slice(valueStart, line.cursor);
    const itemStart = valueStart + Math.max(...[',', ';', ' ', '\t'].map((c) => before.lastIndexOf(c))) + 1;
    const itemEnd = wordEnd(text, line.cursor, /[,; \t\r\n]/);
    return candidates(file, workspace, s.items ?? {}, itemStart, itemEnd, budget);
  }
  let end = lineEnd;
  while (end > valueStart && /\s/.test(text[end - 1])) end--;
  return candidates(file, workspace, s, valueStart, Math.max(end, Math.min(line.cursor, lineEnd)), budget);
}

function propertyStringItems(file: WorkspaceFile, workspace: Workspace, schema: PbsSchema, value: string, valueStart: number, cursor: number, budget: ReferenceBudget | undefined): CompletionEntry[] {
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
    return candidates(file, workspace, m.type === 'array' && m.items ? m.items : m, valueStart + segStart + eq + 1, valueStart + Math.max(segEnd, rel), budget);
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
  if (dk !== undefined && Object.hasOwn(members, dk) && segStart === 0) out.push(...candidates(file, workspace, members[dk], start, end, budget));
  return out;
}

/** The values a schema takes at a position: its value kind's candidates, then its default. */
export function candidates(file: WorkspaceFile, workspace: Workspace, s: PbsSchema, start: number, end: number, budget?: ReferenceBudget): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const push = (label: string, kind: CompletionKind, detail?: string, documentation?: string) => {
    if (seen.has(label)) return;
    seen.add(label);
    out.push({ label, kind, detail, documentation, insertText: label, isSnippet: false, start, end, sortText: `${kind === 'reference' ? 0 : 1}${pad(out.length)}` });
  };
  const completion: ValueCompletion = {
    typeSummary,
    references(ref) {
      const typed = budget ? file.text.slice(start, Math.max(start, Math.min(budget.cursor, end))) : '';
      return refCandidates(file, workspace, ref, budget && { max: budget.max, typed }).map((r) => ({ label: r.label, kind: 'reference', detail: r.detail, documentation: r.doc }));
    },
  };
  for (const c of valueKindOf(s)?.complete?.(s, completion) ?? []) push(c.label, c.kind, c.detail, c.documentation);
  if (s.default !== undefined && !s.enum && s.type !== 'boolean') push(String(s.default), 'value', 'default');
  return out;
}

/** The objects a reference may name that exist in the workspace, and the builtins. */
export function refCandidates(
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
