// When to diagnose a document that is being edited. A keystroke after a pause is diagnosed at
// once (typing feels live); a burst of changes (an editor macro, a replace-all, a client that
// sends thousands of didChange in a row) is diagnosed once, `debounceMs` after its last change,
// and at least every `maxWaitMs` while it goes on, so that a burst costs one diagnose of the
// newest text instead of one per change. Push diagnostics time their publish by it; pull
// diagnostics wait by it before answering. Pure bookkeeping over a clock, for unit tests.

export interface EditTimes {
  /** A change this long after the document's last activity (change or diagnose) is diagnosed at once. */
  quietMs: number;
  /** Otherwise, the diagnose waits until the changes have stopped this long … */
  debounceMs: number;
  /** … but no longer than this after the first change not yet diagnosed. */
  maxWaitMs: number;
}

export const EDIT_TIMES: Readonly<EditTimes> = Object.freeze({ quietMs: 50, debounceMs: 150, maxWaitMs: 1000 });

interface DocumentActivity {
  /** The last change, or the end of the last diagnose, whichever is later. */
  lastActivity: number;
  /** The last change. */
  lastChange: number;
  /** The first change not yet diagnosed; undefined when the diagnostics are current. */
  pendingSince: number | undefined;
  /** The pending change came alone after a quiet spell: diagnose it at once. */
  alone: boolean;
}

export class EditActivity {
  private readonly docs = new Map<string, DocumentActivity>();

  constructor(
    private readonly times: EditTimes = EDIT_TIMES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A change of the document arrived (didOpen counts as one). */
  changed(uri: string): void {
    const t = this.now();
    const d = this.docs.get(uri);
    if (!d) {
      this.docs.set(uri, { lastActivity: t, lastChange: t, pendingSince: t, alone: true });
      return;
    }
    if (d.pendingSince === undefined) {
      d.pendingSince = t;
      d.alone = t - d.lastActivity >= this.times.quietMs;
    } else d.alone = false;
    d.lastActivity = d.lastChange = t;
  }

  /** The document's diagnostics were just computed for its current text. */
  diagnosed(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.pendingSince = undefined;
    d.lastActivity = Math.max(d.lastActivity, this.now());
  }

  /** Milliseconds until the document should be diagnosed (0: now). */
  dueIn(uri: string): number {
    const d = this.docs.get(uri);
    if (!d || d.pendingSince === undefined || d.alone) return 0;
    const due = Math.min(d.lastChange + this.times.debounceMs, d.pendingSince + this.times.maxWaitMs);
    return Math.max(0, due - this.now());
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.docs.delete(uri);
  }
}
