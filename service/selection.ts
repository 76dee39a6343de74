// Smart selection (expand/shrink): from the word under the cursor outwards — a property-string
// member's value, the member, the whole value (or key), the property line, the section, the file.
import { parsePropertyString } from '../grammar/property-string.ts';
import type { WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

/** The ranges around `offset`, innermost first, each containing the previous one. */
export function selectionRangesAt(file: WorkspaceFile, offset: number): OffsetRange[] {
  const out: OffsetRange[] = [];
  const push = (start: number, end: number) => {
    const last = out[out.length - 1];
    if (start <= offset && offset <= end && (!last || (start <= last.start && end >= last.end && (start < last.start || end > last.end)))) out.push({ start, end });
  };
  const parsed = file.parsed;
  if (parsed.family === 'section-config') {
    const section = parsed.ast.sections.find((s) => offset >= s.start && offset <= s.end);
    if (section) {
      const prop = section.properties.find((p) => offset >= p.start && offset <= p.end);
      if (prop) {
        if (offset >= prop.value.start && offset <= prop.value.end && prop.value.text.includes('=')) {
          const ps = parsePropertyString(prop.value.text, prop.value.start);
          const entry = ps.entries.find((e) => offset >= e.start && offset <= e.end);
          if (entry) {
            push(entry.value.start, entry.value.end);
            push(entry.start, entry.end);
          }
        }
        if (offset >= prop.value.start && offset <= prop.value.end) push(prop.value.start, prop.value.end);
        else push(prop.key.start, prop.key.end);
        push(prop.start, prop.end);
      } else if (offset >= section.id.start && offset <= section.id.end) push(section.id.start, section.id.end);
      else if (offset >= section.type.start && offset <= section.type.end) push(section.type.start, section.type.end);
      push(section.header.start, section.header.end);
      push(section.start, section.end);
    }
  } else if (parsed.family === 'acl') {
    const entry = parsed.ast.entries.find((e) => offset >= e.start && offset <= e.end);
    if (entry) {
      for (const part of [entry.propagate, entry.path]) {
        if (offset >= part.start && offset <= part.end) push(part.start, part.end);
      }
      // the lists' items without their spans (a list can be megabytes of commas)
      const item = (_text: string, start: number, end: number) => {
        if (offset >= start && offset <= end) push(start, end);
      };
      entry.eachItem('ugids', item);
      entry.eachItem('roles', item);
      push(entry.start, entry.end);
    }
  } else if (parsed.family === 'key-value') {
    const prop = parsed.ast.properties.find((p) => offset >= p.start && offset <= p.end);
    if (prop) {
      if (offset >= prop.value.start && offset <= prop.value.end) push(prop.value.start, prop.value.end);
      else push(prop.key.start, prop.key.end);
      push(prop.start, prop.end);
    }
  }
  push(0, file.text.length);
  return out;
}
