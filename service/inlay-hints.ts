// Inlay hints: the human form of a value, shown right after it — epochs as dates, byte counts and
// sizes as bytes and IEC units, seconds/minutes/days and time spans as durations. Only for values
// that parse; a value PBS would reject gets its diagnostic, not a hint.
import type { PropertyNode, SectionNode } from '../grammar/ast.ts';
import { parseHumanByte } from '../grammar/human-byte.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { parseTimeSpan } from '../grammar/time-span.ts';
import { formatEpoch } from '../core/format/epoch.ts';
import { formatHumanByte, humanByteToU64 } from '../core/format/human-byte.ts';
import { formatTimeSpan } from '../core/format/time-span.ts';
import { propertySchema, type PbsSchema } from '../schema/registry.ts';
import type { WorkspaceFile } from './workspace.ts';

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
export function inlayHintsIn(file: WorkspaceFile, range: { start: number; end: number }, options: InlayHintOptions = {}): InlayHintOffsets[] {
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
          const hint = member && valueHint(member, e.value.text, name!, options);
          if (hint) out.push({ offset: e.value.end, ...hint });
        }
        continue;
      }
      const hint = valueHint(schema.type === 'array' && schema.items ? schema.items : schema, value.text, key, options);
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

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, days: 86400 };

/** The short human form of one value, or undefined when there is nothing to add. */
function valueHint(schema: PbsSchema, text: string, key: string, options: InlayHintOptions): { label: string; tooltip?: string } | undefined {
  const unit = schema['x-pbs-unit'];
  if (schema.format === 'human-byte') {
    const r = parseHumanByte(text);
    if (!r.ok) return undefined;
    const per = unit === 'bytes-per-second' ? '/s' : '';
    const bytes = r.value.bytes;
    return { label: `= ${humanByteToU64({ bytes })} B${per}`, tooltip: `${formatHumanByte(bytes, 'binary')}${per} · ${formatHumanByte(bytes, 'decimal')}${per}` };
  }
  if (schema.format === 'media-retention-policy') {
    if (text === 'keep' || text === 'overwrite') return undefined;
    const r = parseTimeSpan(text);
    return r.ok ? { label: `= ${formatTimeSpan(r.value.seconds)}` } : undefined;
  }
  if ((schema.type !== 'integer' && schema.type !== 'number') || !unit || !/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  switch (unit) {
    case 'bytes':
    case 'bytes-per-second': {
      const per = unit === 'bytes-per-second' ? '/s' : '';
      return { label: `= ${formatHumanByte(n, 'binary')}${per}`, tooltip: `${formatHumanByte(n, 'decimal')}${per}` };
    }
    case 'seconds':
    case 'minutes':
    case 'days':
      return n > 0 ? { label: `= ${formatTimeSpan(n * UNIT_SECONDS[unit])}` } : undefined;
    case 'epoch': {
      if (n === 0 && key === 'expire') return { label: '= never' };
      const e = formatEpoch(n, options.timeZone);
      if (!e) return undefined;
      return { label: `= ${e.local.replace('T', ' ')}`, tooltip: `${e.utc} (UTC)` };
    }
    default:
      return undefined;
  }
}
