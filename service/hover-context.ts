// What every part of a hover shares: the options, the file and workspace it is about, the
// Writer it writes to; and where an offset falls (a span, a section).
import type { SectionNode } from '../grammar/ast.ts';
import type { Workspace, WorkspaceFile } from './workspace.ts';
import type { Writer } from './hover-writer.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export interface HoverOptions {
  /** Markdown (the client's hover contentFormat allows it) or plain text. */
  markdown: boolean;
  /** The moment next runs are computed from (default: now). */
  now?: Date;
  /** IANA zone for local times (default: the process's zone, TZ honoured). */
  timeZone?: string;
  /** Heavy jobs on one datastore starting this close (minutes) are named on a schedule (default 30). */
  overlapWindowMinutes?: number;
}

/** The file and workspace a hover is about, its options and the Writer collecting its text. */
export interface HoverContext {
  file: WorkspaceFile;
  workspace: Workspace;
  options: HoverOptions;
  w: Writer;
}

export function within(span: OffsetRange, offset: number): boolean {
  return offset >= span.start && offset <= span.end && span.end > span.start;
}

/** The section whose range holds `offset` (sections are sorted by offset). */
export function sectionAt(sections: SectionNode[], offset: number): SectionNode | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
