// The outline of a PBS file: sections with their properties (section-config), ACL paths with
// their entries (acl.cfg), settings (node.cfg); and the folding ranges an editor offers (one per
// section; node.cfg's description block). Offsets only; the server maps kinds and positions.
import { aclItemsText } from '../grammar/acl.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type SymbolKind = 'section' | 'property' | 'path' | 'entry' | 'setting';

/** The whole construct is the range. */
export interface OutlineSymbol extends OffsetRange {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** What to select/reveal: the id, key or path. */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

export function documentSymbols(file: WorkspaceFile): OutlineSymbol[] {
  const parsed = file.parsed;
  switch (parsed.family) {
    case 'section-config':
      return parsed.ast.sections.map((s) => ({
        name: s.id.text === '' ? `${s.type.text}: (no id)` : s.id.text,
        detail: s.type.text,
        kind: 'section',
        start: s.start,
        end: s.end,
        selectionStart: s.id.end > s.id.start ? s.id.start : s.type.start,
        selectionEnd: s.id.end > s.id.start ? s.id.end : s.type.end,
        children: s.properties.map((p) => ({
          name: p.key.text,
          detail: p.value.text,
          kind: 'property',
          start: p.start,
          end: p.end,
          selectionStart: p.key.start,
          selectionEnd: p.key.end,
          children: [],
        })),
      }));
    case 'acl': {
      // Group the lines by path, as PBS's own tree is keyed by path.
      const byPath = new Map<string, OutlineSymbol>();
      for (const e of parsed.ast.entries) {
        const entry: OutlineSymbol = {
          name: aclItemsText(e, 'ugids') || '(nobody)',
          detail: `${aclItemsText(e, 'roles')}${e.propagate.text === '1' ? ' (propagates)' : ''}`,
          kind: 'entry',
          start: e.start,
          end: e.end,
          selectionStart: e.start,
          selectionEnd: e.end,
          children: [],
        };
        const path = e.path.text;
        const group = byPath.get(path);
        if (group) {
          group.children.push(entry);
          group.end = Math.max(group.end, e.end);
        } else {
          byPath.set(path, { name: path || '/', detail: 'ACL path', kind: 'path', start: e.start, end: e.end, selectionStart: e.path.start, selectionEnd: e.path.end, children: [entry] });
        }
      }
      return [...byPath.values()];
    }
    case 'key-value':
      return parsed.ast.properties.map((p) => ({
        name: p.key.text,
        detail: p.value.text,
        kind: 'setting',
        start: p.start,
        end: p.end,
        selectionStart: p.key.start,
        selectionEnd: p.key.end,
        children: [],
      }));
    case 'json':
      return [];
  }
}

export interface FoldRange extends OffsetRange {
  kind?: 'comment';
}

/** One fold per section that spans more than its header; node.cfg's description block. */
export function foldingRanges(file: WorkspaceFile): FoldRange[] {
  const parsed = file.parsed;
  if (parsed.family === 'section-config') {
    return parsed.ast.sections.filter((s) => s.properties.length > 0).map((s) => ({ start: s.start, end: s.end }));
  }
  if (parsed.family === 'key-value' && parsed.ast.description.length > 1) {
    const d = parsed.ast.description;
    return [{ start: d[0].start, end: d[d.length - 1].end, kind: 'comment' }];
  }
  return [];
}

export interface WorkspaceSymbol extends OffsetRange {
  name: string;
  /** The section type and the file kind, e.g. `datastore — datastore.cfg`. */
  detail: string;
  path: string;
}

/**
 * Every section id of every known file whose id contains the query's characters in order
 * (case-insensitive), as editors' "go to symbol in workspace" expects; at most `limit`.
 */
export function workspaceSymbols(workspace: Workspace, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const file of workspace.all()) {
    for (const d of workspace.definitions(file)) {
      if (d.id.text === '' || !subsequence(q, d.id.text.toLowerCase())) continue;
      out.push({ name: d.id.text, detail: `${d.sectionType} — ${d.kind}`, path: file.path, start: d.id.start, end: d.id.end });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}
