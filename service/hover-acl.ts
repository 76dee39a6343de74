// Hover on an acl.cfg line: propagate, the path (its template's meaning, the objects it names),
// users, tokens and groups, roles and their privileges.
import { aclItemAt } from '../grammar/acl.ts';
import type { AclEntryNode } from '../grammar/ast.ts';
import { aclRoles, kindSchema, type PbsSchema } from '../schema/registry.ts';
import { referencesIn } from '../schema/references.ts';
import { within, type HoverContext as Ctx } from './hover-context.ts';
import { describeRef } from './hover-refs.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export function hoverAcl(ctx: Ctx, entry: AclEntryNode, offset: number): OffsetRange | undefined {
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
  const u = aclItemAt(entry, 'ugids', offset);
  if (u) {
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
  const r = aclItemAt(entry, 'roles', offset);
  if (r) {
    const roles = aclRoles();
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
