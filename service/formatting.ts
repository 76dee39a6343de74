// Formatting to the layout PBS itself writes (formats.md §1.2; proxmox-section-config's writer):
// `type: id` headers, one TAB + key + one blank + value per property, keys in byte-wise order
// (list keys keep their relative order), exactly one empty line between sections, no blank lines
// at the start or end, a final newline. Values are never touched — not even `10MB` vs `10 MB` —
// so formatting cannot change what a file means. Sections and gaps with syntax problems are left
// as they are: there we cannot be sure what the admin meant.
import type { PropertyNode, SectionNode } from '../grammar/ast.ts';
import type { WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export interface TextEditOffsets extends OffsetRange {
  newText: string;
}

/** Edits that bring the file (or the sections overlapping `range`) to PBS's layout. */
export function formatFile(file: WorkspaceFile, range?: OffsetRange): TextEditOffsets[] {
  const parsed = file.parsed;
  // Problems were left out (grammar/limits.ts): which parts are clean is not known.
  if (parsed.family !== 'section-config' || parsed.overflow) return [];
  const text = file.text;
  const syntax = parsed.problems.filter((p) => p.code === 'syntax');
  // syntax is in document order; reach[i]: the furthest end among syntax[0..i]
  const reach: number[] = [];
  for (const p of syntax) reach.push(Math.max(p.end, reach.length ? reach[reach.length - 1] : -1));
  const clean = (start: number, end: number) => {
    // the last problem starting at or before `end`: any before it that reaches `start` overlaps
    let lo = 0;
    let hi = syntax.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (syntax[mid].start <= end) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 || reach[lo - 1] < start;
  };
  const inRange = (start: number, end: number) => range === undefined || (start <= range.end && end >= range.start);
  const edits: TextEditOffsets[] = [];
  const sections = parsed.ast.sections;

  sections.forEach((section, i) => {
    // The gap before this section: nothing before the first, one empty line between sections.
    const gapStart = i === 0 ? 0 : sections[i - 1].end;
    const gap = text.slice(gapStart, section.start);
    const wanted = i === 0 ? '' : '\n\n';
    if (gap !== wanted && /^[\s]*$/.test(gap) && clean(gapStart, section.start) && inRange(gapStart, section.start)) {
      edits.push({ start: gapStart, end: section.start, newText: wanted });
    }
    if (clean(section.start, section.end) && inRange(section.start, section.end)) {
      const canonical = canonicalSection(section);
      if (text.slice(section.start, section.end) !== canonical) edits.push({ start: section.start, end: section.end, newText: canonical });
    }
  });
  const last = sections[sections.length - 1];
  if (last) {
    const tail = text.slice(last.end);
    if (tail !== '\n' && /^\s*$/.test(tail) && clean(last.end, text.length) && inRange(last.end, text.length)) {
      edits.push({ start: last.end, end: text.length, newText: '\n' });
    }
  }
  // A lone '\r' is part of its line for PBS (Rust's str::lines only splits at '\n' and '\r\n'):
  // a '\n' written right after it would turn it into a line break and change that line (found by
  // fuzzing: `\tp\r` at the end of a file is key 'p' with an empty value, `\tp\r\n` a key with no
  // blank after it). Such an edit is left out, unless another edit rewrites what ends there.
  const joinsCr = (e: TextEditOffsets) => e.newText.startsWith('\n') && text.charCodeAt(e.start - 1) === 13 && !edits.some((o) => o.end === e.start && o.start < o.end && !o.newText.endsWith('\r'));
  return edits.filter((e) => !joinsCr(e));
}

function canonicalSection(section: SectionNode): string {
  const lines = [`${section.type.text}: ${section.id.text}`];
  const props = section.properties.map((p, index) => ({ p, index }));
  props.sort((a, b) => byteOrder(a.p.key.text, b.p.key.text) || a.index - b.index);
  for (const { p } of props) lines.push(propertyLine(p));
  return lines.join('\n');
}

/** An empty value keeps its blank after the key: without it PBS cannot read the line. */
function propertyLine(p: PropertyNode): string {
  return `\t${p.key.text} ${p.value.text}`;
}

const utf8 = new TextEncoder();

/** Byte-wise order of UTF-8 strings, as serde_json's sorted map writes keys. */
function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * Formatting while typing: after a newline that follows a section header or a property line,
 * the new line starts with the TAB a property needs (an empty line after a header would end the
 * section). Returns the edit, or undefined when nothing is to be done.
 */
export function onTypeFormat(file: WorkspaceFile, offset: number, ch: string): TextEditOffsets | undefined {
  if (ch !== '\n' || file.parsed.family !== 'section-config') return undefined;
  const text = file.text;
  // `offset` is just after the typed newline (on the new line).
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === 0) return undefined;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
  const current = text.slice(lineStart, offset);
  if (current.trim() !== '' || prev.trim() === '') return undefined;
  const isHeader = /^\p{L}[^:]*:/u.test(prev);
  const isProperty = /^[ \t]+\S/.test(prev);
  if (!isHeader && !isProperty) return undefined;
  return current === '\t' ? undefined : { start: lineStart, end: offset, newText: '\t' };
}
