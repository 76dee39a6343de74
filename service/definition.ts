// Go to definition and find references of PBS objects across the files of one configuration
// folder: from `store store1` in sync.cfg to `datastore: store1` in datastore.cfg, from an ACL
// entry's user to its user.cfg section, and back from a section id to everything naming it.
import type { Definition, Reference } from '../schema/references.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export interface Location extends OffsetRange {
  path: string;
}

/** What the cursor is on: a reference (resolved or not) or a section id. */
interface Target {
  kind: string;
  sectionTypes: string[];
  id: string;
}

function referenceAt(workspace: Workspace, file: WorkspaceFile, offset: number): Reference | undefined {
  return workspace.references(file).find((r) => offset >= r.name.start && offset <= r.name.end);
}

function definitionUnder(workspace: Workspace, file: WorkspaceFile, offset: number): Definition | undefined {
  return workspace.definitions(file).find((d) => d.id.end > d.id.start && offset >= d.id.start && offset <= d.id.end);
}

/** The section(s) the reference under the cursor names; empty when it names nothing known. */
export function definitionAt(file: WorkspaceFile, workspace: Workspace, offset: number): Location[] {
  const ref = referenceAt(workspace, file, offset);
  if (!ref) return [];
  const targetFile = ref.target.kind === file.kind.name ? file : workspace.siblingOfKind(file, ref.target.kind);
  const found = workspace.resolve(file, ref);
  if (!targetFile || !Array.isArray(found)) return [];
  return found.map((d) => ({ path: targetFile.path, start: d.id.start, end: d.id.end }));
}

function targetAt(file: WorkspaceFile, workspace: Workspace, offset: number): Target | undefined {
  const ref = referenceAt(workspace, file, offset);
  if (ref) return { kind: ref.target.kind, sectionTypes: ref.target.sectionTypes, id: ref.name.text };
  const def = definitionUnder(workspace, file, offset);
  if (def) return { kind: def.kind, sectionTypes: [def.sectionType], id: def.id.text };
  return undefined;
}

/** Every place in the configuration folder that names the object under the cursor. */
export function referencesAt(file: WorkspaceFile, workspace: Workspace, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(file, workspace, offset);
  if (!target) return [];
  const out: Location[] = [];
  for (const f of workspace.siblingsOf(file)) {
    if (includeDeclaration && f.kind.name === target.kind) {
      for (const d of workspace.definitions(f)) {
        if (d.id.text === target.id && (target.sectionTypes.length === 0 || target.sectionTypes.includes(d.sectionType))) {
          out.push({ path: f.path, start: d.id.start, end: d.id.end });
        }
      }
    }
    for (const r of workspace.references(f)) {
      if (r.target.kind !== target.kind || r.name.text !== target.id) continue;
      // A reference to a drive names a drive, not a changer with the same id.
      if (target.sectionTypes.length && r.target.sectionTypes.length && !r.target.sectionTypes.some((t) => target.sectionTypes.includes(t))) continue;
      out.push({ path: f.path, start: r.name.start, end: r.name.end });
    }
  }
  return out;
}

export interface Highlight extends OffsetRange {
  /** `write` for the section id that defines the object, `read` for a reference to it. */
  kind: 'read' | 'write';
}

/** The object under the cursor everywhere in this file: its definition and its references. */
export function highlightsAt(file: WorkspaceFile, workspace: Workspace, offset: number): Highlight[] {
  const defs = new Set(workspace.definitions(file).map((d) => d.id.start));
  return referencesAt(file, workspace, offset, true)
    .filter((l) => l.path === file.path)
    .map((l) => ({ start: l.start, end: l.end, kind: defs.has(l.start) ? 'write' : 'read' }));
}
