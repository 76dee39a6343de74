// A finding about a PBS file, before any front decides how to show it: an offset range into the
// document text, a rule-family code (DESIGN.md lists them), a severity and a message that names
// the property, the value and the rule.
import type { Overflow } from '../grammar/limits.ts';
import type { OffsetRange } from '../core/offset-range.ts';

export type DiagnosticCode =
  | 'syntax'
  | 'unknown-file-kind'
  | 'unknown-section-type'
  | 'invalid-section-id'
  | 'duplicate-section'
  | 'unknown-property'
  | 'duplicate-property'
  | 'missing-required'
  | 'invalid-value'
  | 'out-of-range'
  | 'invalid-format'
  | 'invalid-enum'
  | 'invalid-property-string'
  | 'invalid-schedule'
  | 'invalid-time-span'
  | 'invalid-size'
  | 'unresolved-reference'
  | 'deprecated'
  | 'json-schema'
  // Things PBS accepts but that rarely mean what the admin wanted (10MB vs 10MiB, 24:00 ...).
  | 'suspicious-value'
  // The closing problem of a file with more problems than pbs-tools lists (grammar/limits.ts).
  | 'too-many-problems'
  // A job PBS never starts: its schedule's times are all past, or a prune job keeps nothing.
  | 'never-runs'
  // Heavy jobs on one datastore that start close together (a hint, behind pbs.calendar.overlapHints).
  | 'job-overlap'
  // A file named like a PBS file that is not a regular file, is too big, or cannot be read.
  | 'unreadable-file';

/**
 * error: PBS refuses the file, or cannot load/use the section (job, datastore, realm unusable).
 * warning: PBS accepts it but silently ignores or overrides it.
 * information / hint: accepted and meaningful, but often not what was meant.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem extends OffsetRange {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Machine-readable extras for quick fixes (e.g. { property: 'keep-last', suggestion: 'keep-daily' }). */
  data?: Record<string, unknown>;
  /** Other places the problem is about (another job's schedule), by the path the workspace holds. */
  related?: (OffsetRange & { path: string; message: string })[];
}

/** Where problems go: an array, or a list that keeps only so many (grammar/limits.ts CappedList). */
export interface ProblemSink {
  push(p: Problem): void;
  /** True once the sink has its share: a producer may stop looking for more. */
  readonly full?: boolean;
  /** Counts problems that a grammar's own cap left out before they got here. */
  leftOut?(o: Overflow, code: DiagnosticCode): void;
}
