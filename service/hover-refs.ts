// Hover on a reference: resolved in the workspace, the target section summarized (secrets hidden).
import type { PropertyNode, SectionNode, Span } from '../grammar/ast.ts';
import { propertySchema, type PbsSchema, type RefAnnotation } from '../schema/registry.ts';
import { referencesIn, type Reference } from '../schema/references.ts';
import { linesOf } from './line-index.ts';
import { sectionAt, type HoverContext as Ctx } from './hover-context.ts';
import type { WorkspaceFile } from './workspace.ts';

/** The reference under a value: resolved in the workspace, the target summarized. */
export function refLines(ctx: Ctx, value: Span, schema: PbsSchema, section: SectionNode | undefined, lines: PropertyNode[] = []): void {
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

export function describeRef(ctx: Ctx, ref: Reference): void {
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
export function summary(ctx: Ctx, target: WorkspaceFile, section: SectionNode, heading: boolean): void {
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
