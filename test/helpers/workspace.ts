// Workspaces for service tests: PBS files by kind name in one configuration root, as an admin's
// /etc/proxmox-backup holds them.
import { fileKindByName } from '../../schema/file-kinds.ts';
import { Workspace, type WorkspaceFile } from '../../service/workspace.ts';

export const PBS_ROOT = '/etc/proxmox-backup';

function kindNamed(name: string) {
  const kind = fileKindByName(name);
  if (!kind) throw new Error(`test setup: no PBS file kind '${name}'`);
  return kind;
}

/** `text` as the file of kind `kind` at `<root>/<kind>` in `ws` (a new workspace unless given). */
export function openAs(kind: string, text: string, ws: Workspace = new Workspace(), root = PBS_ROOT): WorkspaceFile {
  return ws.set(`${root}/${kind}`, kindNamed(kind), text);
}

/** A workspace holding `files` (kind name → text) in one configuration root. */
export function pbsTree(files: Record<string, string>, root = PBS_ROOT): Workspace {
  const ws = new Workspace();
  for (const [kind, text] of Object.entries(files)) openAs(kind, text, ws, root);
  return ws;
}

/** `text` as the only file of a new workspace, with the workspace (for the service calls that take both). */
export function openAlone(kind: string, text: string, root = PBS_ROOT): { ws: Workspace; file: WorkspaceFile } {
  const ws = new Workspace();
  return { ws, file: openAs(kind, text, ws, root) };
}
