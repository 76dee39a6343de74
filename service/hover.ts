// Hover: what the text under the cursor means to PBS. On a key: the schema's description, type,
// bounds, default, unit, the release that introduced it, deprecation. On a value: sizes in bytes
// (and PBS's IEC and SI forms), time spans, schedules in words with their next runs, epochs, enum
// values, booleans, property-string members and references (the target's summary). Plain data in
// offsets; the server turns it into an LSP Hover. Never throws: any offset of any text is fine.
//
// This file finds what is under the cursor; hover-keys.ts, hover-values.ts, hover-refs.ts and
// hover-acl.ts write about it, through hover-writer.ts.
import type { PropertyNode, SectionNode, Span } from '../grammar/ast.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { kindSchema, sectionSchema, type PbsSchema } from '../schema/registry.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import { keepParagraphs, nearJobParagraphs } from './hover-jobs.ts';
import { sectionAt, within, type HoverContext as Ctx, type HoverOptions } from './hover-context.ts';
import { Writer } from './hover-writer.ts';
import { keyDoc, sinceOf } from './hover-keys.ts';
import { valueDoc } from './hover-values.ts';
import { refLines, summary } from './hover-refs.ts';
import { hoverAcl } from './hover-acl.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type { HoverOptions } from './hover-context.ts';

/** The hovered span, as offsets into the file's text, and what to show for it. */
export interface HoverResult extends OffsetRange {
  contents: string;
}

/** The hover at `offset` of `file`, or undefined where there is nothing to say. */
export function hoverAt(file: WorkspaceFile, workspace: Workspace, offset: number, options: HoverOptions): HoverResult | undefined {
  if (!Number.isFinite(offset) || offset < 0 || offset > file.text.length) return undefined;
  const w = new Writer(options.markdown);
  const ctx: Ctx = { file, workspace, options, w };
  const span = hoverIn(ctx, offset);
  if (!span || w.empty) return undefined;
  return { contents: w.text(), start: span.start, end: span.end };
}

function hoverIn(ctx: Ctx, offset: number): OffsetRange | undefined {
  const p = ctx.file.parsed;
  switch (p.family) {
    case 'section-config': {
      const section = sectionAt(p.ast.sections, offset);
      return section ? hoverSection(ctx, section, offset) : undefined;
    }
    case 'key-value': {
      const line = p.ast.properties.find((l) => offset >= l.start && offset <= l.end);
      return line ? hoverProperty(ctx, kindSchema(p.kind.name), undefined, line, p.ast.properties, offset) : undefined;
    }
    case 'acl': {
      const entry = p.ast.entries.find((e) => offset >= e.start && offset <= e.end);
      return entry ? hoverAcl(ctx, entry, offset) : undefined;
    }
    default:
      return undefined;
  }
}

function hoverSection(ctx: Ctx, section: SectionNode, offset: number): OffsetRange | undefined {
  const kind = ctx.file.kind.name;
  const schema = sectionSchema(kind, section.type.text);
  const { w } = ctx;
  if (within(section.type, offset)) {
    w.title(`${section.type.text}:`, 'section type');
    if (!schema) {
      w.para(`Unknown section type in ${kind}.`);
      return section.type;
    }
    w.para(schema.description);
    if (typeof schema['x-pbs-added'] === 'string') w.field('Since', schema['x-pbs-added']);
    return section.type;
  }
  if (within(section.id, offset)) {
    const idSchema = schema?.['x-pbs-id'];
    w.title(section.id.text, `${section.type.text} id`);
    if (idSchema) w.para(idSchema.description);
    summary(ctx, ctx.file, section, false);
    if (idSchema?.['x-pbs-ref']) refLines(ctx, section.id, idSchema, section);
    return section.id;
  }
  const line = section.properties.find((l) => offset >= l.start && offset <= l.end);
  if (!line) return undefined;
  return hoverProperty(ctx, schema, section.type.text, line, section.properties, offset, section);
}

function hoverProperty(
  ctx: Ctx,
  owner: PbsSchema | undefined,
  type: string | undefined,
  line: PropertyNode,
  lines: PropertyNode[],
  offset: number,
  section?: SectionNode,
): OffsetRange | undefined {
  const key = line.key.text;
  const schema = owner?.properties && Object.hasOwn(owner.properties, key) ? owner.properties[key] : undefined;
  const since = sinceOf(owner, key);
  if (within(line.key, offset)) {
    if (!schema) {
      ctx.w.title(key, 'unknown key');
      ctx.w.para(type !== undefined ? `Not a property of a \`${type}\` section in ${ctx.file.kind.name}.` : `Not a key of ${ctx.file.kind.name}.`);
      return line.key;
    }
    keyDoc(ctx.w, key, schema, since);
    return line.key;
  }
  if (!schema || !within(line.value, offset)) return undefined;
  const valueSchema = schema.type === 'array' && !schema['x-pbs-list'] && schema.items ? schema.items : schema;
  if (valueSchema['x-pbs-property-string']) return hoverPropertyString(ctx, key, valueSchema, line.value, offset, section);
  if (valueSchema['x-pbs-list']) {
    const item = listItemAt(line.value, offset);
    if (!item) return undefined;
    valueDoc(ctx, key, valueSchema.items ?? {}, item, lines, section, key);
    return item;
  }
  valueDoc(ctx, key, valueSchema, line.value, lines, section, key);
  if (section) for (const p of jobParagraphs(ctx, key, valueSchema, section, line.value)) ctx.w.para(p);
  return line.value;
}

/** What the job the value belongs to does: keep-* options simulated, schedules next to others. */
function jobParagraphs(ctx: Ctx, key: string, schema: PbsSchema, section: SectionNode, value: Span): string[] {
  const now = ctx.options.now ?? new Date();
  if (key.startsWith('keep-')) return keepParagraphs(ctx.file, section, now, ctx.options.timeZone);
  if (schema.format === 'calendar-event') return nearJobParagraphs(ctx.file, ctx.workspace, value.start, now, ctx.options.timeZone, ctx.options.overlapWindowMinutes);
  return [];
}

function listItemAt(value: Span, offset: number): Span | undefined {
  const re = /[^,; \t\n\f\r]+/g;
  for (let m = re.exec(value.text); m; m = re.exec(value.text)) {
    const s = { text: m[0], start: value.start + m.index, end: value.start + m.index + m[0].length };
    if (offset >= s.start && offset <= s.end) return s;
  }
  return undefined;
}

function hoverPropertyString(ctx: Ctx, key: string, schema: PbsSchema, value: Span, offset: number, section?: SectionNode): OffsetRange | undefined {
  // Property strings are read from the raw text: the AST's value text is that text trimmed.
  const ast = parsePropertyString(value.text, value.start);
  const entry = ast.entries.find((e) => offset >= e.start && offset <= e.end);
  const members = schema.properties ?? {};
  if (!entry) {
    keyDoc(ctx.w, key, schema, undefined);
    return value;
  }
  const name = entry.key?.text ?? schema['x-pbs-default-key'];
  const member = name !== undefined && Object.hasOwn(members, name) ? members[name] : undefined;
  const since = name !== undefined ? sinceOf(schema, name) : undefined;
  if (entry.key && within(entry.key, offset)) {
    if (!member) {
      ctx.w.title(entry.key.text, 'unknown member');
      ctx.w.para(`\`${key}\` has no member \`${entry.key.text}\`; it takes ${Object.keys(members).map((m) => `\`${m}\``).join(', ') || 'none'}.`);
      return entry.key;
    }
    keyDoc(ctx.w, `${key}: ${entry.key.text}`, member, since);
    return entry.key;
  }
  if (!member || name === undefined) return undefined;
  const v = entry.value;
  const span = { text: v.text, start: v.start, end: v.end };
  valueDoc(ctx, name, member.type === 'array' && member.items ? member.items : member, span, [], section, `${key}.${name}`);
  return span;
}
