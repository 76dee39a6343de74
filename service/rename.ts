// Renaming a PBS object everywhere its configuration folder names it: the section id and every
// reference (jobs' store/remote/pool/drive, ACL paths and users, tokens' user part, …).
// Only section ids and references to them can be renamed; built-in objects cannot.
import { sectionIdValidator } from '../schema/ajv.ts';
import { definitionAt, referencesAt, type Location } from './definition.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type PrepareResult = (OffsetRange & { placeholder: string }) | { error: string };

const NOT_RENAMEABLE = 'only a section id, or a reference to one, can be renamed';

/** The id span under the cursor that a rename would change, or why nothing can be renamed there. */
export function prepareRename(file: WorkspaceFile, workspace: Workspace, offset: number): PrepareResult {
  const ref = workspace.references(file).find((r) => offset >= r.name.start && offset <= r.name.end);
  if (ref) {
    if (ref.builtins.includes(ref.name.text)) return { error: `'${ref.name.text}' is built into PBS and has no section to rename` };
    if (definitionAt(file, workspace, offset).length === 0) {
      return { error: `'${ref.name.text}' is not defined in ${ref.target.kind} here; rename it where it is defined` };
    }
    return { start: ref.name.start, end: ref.name.end, placeholder: ref.name.text };
  }
  const def = workspace.definitions(file).find((d) => d.id.end > d.id.start && offset >= d.id.start && offset <= d.id.end);
  if (def) return { start: def.id.start, end: def.id.end, placeholder: def.id.text };
  return { error: NOT_RENAMEABLE };
}

export interface RenameEdit extends Location {
  newText: string;
}

/** The edits of a rename, or why it is refused (invalid or taken new name, nothing to rename). */
export function renameAt(file: WorkspaceFile, workspace: Workspace, offset: number, newName: string): RenameEdit[] | { error: string } {
  const prep = prepareRename(file, workspace, offset);
  if ('error' in prep) return prep;
  // The definition tells the kind and section type whose id rules the new name must follow.
  const defLoc = definitionAt(file, workspace, offset)[0] ?? { path: file.path, start: prep.start, end: prep.end };
  const defFile = workspace.get(defLoc.path);
  const def = defFile && workspace.definitions(defFile).find((d) => d.id.start === defLoc.start);
  if (!defFile || !def) return { error: NOT_RENAMEABLE };
  if (newName === def.id.text) return [];
  const valid = sectionIdValidator(def.kind, def.sectionType);
  if (valid && !valid(newName)) {
    return { error: `'${newName}' is not a valid ${def.sectionType} id in ${def.kind} (${(valid.errors ?? []).map((e) => e.message).join('; ')})` };
  }
  if (workspace.definitions(defFile).some((d) => d.id.text === newName)) {
    return { error: `${def.kind} already has a section with the id '${newName}' (ids share one namespace per file)` };
  }
  const edits: RenameEdit[] = referencesAt(file, workspace, offset, true).map((l) => ({ ...l, newText: newName }));
  // A token id is `user!name`: renaming the user renames every token of it, so whatever names
  // such a token (ACL entries, token.shadow, job owners) follows too.
  if (def.kind === 'user.cfg' && def.sectionType === 'user') {
    const prefix = `${def.id.text}!`;
    const seen = new Set(edits.map((e) => `${e.path}:${e.start}`));
    for (const f of workspace.siblingsOf(defFile)) {
      for (const r of workspace.references(f)) {
        if (r.target.kind !== 'user.cfg' || !r.name.text.startsWith(prefix) || seen.has(`${f.path}:${r.name.start}`)) continue;
        edits.push({ path: f.path, start: r.name.start, end: r.name.start + def.id.text.length, newText: newName });
      }
    }
  }
  return edits;
}
