// Completion in acl.cfg: the entry keyword and snippet, propagate, paths (templates and the
// objects they name), users and tokens, roles with their privileges.
import { aclRoles, kindSchema, type PbsSchema, type RefAnnotation } from '../schema/registry.ts';
import { pad, wordEnd, type CompletionEntry, type CompletionKind, type Line } from './completion-entry.ts';
import { candidates, refCandidates, type ReferenceBudget } from './completion-values.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';

export function aclCompletions(file: WorkspaceFile, workspace: Workspace, line: Line, budget?: ReferenceBudget): CompletionEntry[] {
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
  if (field === 1) return candidates(file, workspace, fields.propagate ?? {}, fieldStart, fieldEnd, budget);
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
    return candidates(file, workspace, s, start, end, budget).filter((c) => !used.has(c.label));
  }
  if (field === 4) {
    const { start, end, used, schema: s } = listStart('roles');
    const roles = aclRoles();
    return candidates(file, workspace, s, start, end, budget).filter((c) => !used.has(c.label)).map((c) => {
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
