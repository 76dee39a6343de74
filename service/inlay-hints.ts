// Inlay hints: the human form of a value, shown right after it, as its value kind (schema/values/)
// writes it — epochs as dates, byte counts and sizes as bytes and IEC units, seconds/minutes/days
// and time spans as durations. Only for values that parse; a value PBS would reject gets its
// diagnostic, not a hint.
import type { PropertyNode, SectionNode } from '../grammar/ast.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { propertySchema, type PbsSchema } from '../schema/registry.ts';
import { valueKindOf, type ValueInlayHint } from '../schema/values/index.ts';
import type { WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export interface InlayHintOffsets {
  /** Where the hint goes: just after the value. */
  offset: number;
  label: string;
  /** The longer form, for the hint's tooltip. */
  tooltip?: string;
}

export interface InlayHintOptions {
  /** Time zone for epochs (default: the process's). */
  timeZone?: string;
}

/** Hints for the property values of `file` that lie in `range` (offsets). */
export function inlayHintsIn(file: WorkspaceFile, range: OffsetRange, options: InlayHintOptions = {}): InlayHintOffsets[] {
  const parsed = file.parsed;
  const out: InlayHintOffsets[] = [];
  const visit = (section: SectionNode | undefined, lines: PropertyNode[]) => {
    for (const line of lines) {
      if (line.end < range.start || line.start > range.end) continue;
      const key = line.key.text;
      const schema = propertySchema(file.kind.name, section?.type.text, key);
      if (!schema) continue;
      const value = line.value;
      if (schema['x-pbs-property-string']) {
        // members with a unit (tuning gc-atime-cutoff=1445): the hint after the member's value
        const members = schema.properties ?? {};
        for (const e of parsePropertyString(value.text, value.start).entries) {
          const name = e.key?.text ?? schema['x-pbs-default-key'];
          const member = name !== undefined && Object.hasOwn(members, name) ? members[name] : undefined;
          const hint = member && valueHint(member, e.value.text, options);
          if (hint) out.push({ offset: e.value.end, ...hint });
        }
        continue;
      }
      const hint = valueHint(schema.type === 'array' && schema.items ? schema.items : schema, value.text, options);
      if (hint) out.push({ offset: value.end, ...hint });
    }
  };
  if (parsed.family === 'section-config') {
    for (const section of parsed.ast.sections) {
      if (section.end < range.start || section.start > range.end) continue;
      visit(section, section.properties);
    }
  } else if (parsed.family === 'key-value') {
    visit(undefined, parsed.ast.properties);
  }
  return out;
}

/** The short human form of one value (by its value kind), or undefined when there is nothing to add. */
function valueHint(schema: PbsSchema, text: string, options: InlayHintOptions): ValueInlayHint | undefined {
  return valueKindOf(schema)?.inlayHint?.(text, schema, options.timeZone);
}
