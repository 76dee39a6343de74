// Push diagnostics (textDocument/publishDiagnostics) for clients without pull diagnostics
// (Neovim, Helix, Emacs), and the re-check of the other open files of a configuration root when
// one of its files changes — published again for push clients, a diagnostics refresh for pull
// clients. Only the newest text of a document is diagnosed, when edit-activity.ts says: a burst of
// a thousand didChange costs one diagnose and one publish, not a thousand.
import type { EditActivity } from './edit-activity.ts';
import type { Loaded } from './feature.ts';
import { orLogged } from './request.ts';
import type { Session } from './session.ts';

/** How long after a change the other open files of its root are re-checked (a burst: once). */
const SIBLINGS_DELAY_MS = 250;

export class PushDiagnostics {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly siblingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly session: Session,
    private readonly activity: EditActivity,
  ) {}

  private get push(): boolean {
    return !this.session.support.pullDiagnostics;
  }

  /** A document was opened or its text changed. */
  changed(uri: string): void {
    this.activity.changed(uri);
    if (this.push) this.schedule(uri);
    void this.session.load().then((e) => this.siblingsChanged(this.session.pathOf(uri), e, SIBLINGS_DELAY_MS));
  }

  /** A document was closed: nothing pending for it; its problems leave the editor. */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.activity.forget(uri);
    if (this.push) void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Every open document may have other diagnostics now (the settings changed). */
  all(): void {
    if (!this.push) {
      if (this.session.support.diagnosticRefresh) void this.session.connection.languages.diagnostics.refresh();
      return;
    }
    for (const doc of this.session.documents.all()) this.schedule(doc.uri);
  }

  private schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        // (a change since this timer was set has set a new one)
        void this.publish(uri);
      }, this.activity.dueIn(uri)),
    );
  }

  private async publish(uri: string): Promise<void> {
    const e = await this.session.load();
    const opened = this.session.documents.get(uri);
    if (!opened) return;
    // The first diagnostics of a file already know the files beside it.
    await this.session.loadSiblings(opened, e, false);
    // Newer changes may have come in meanwhile: diagnose what is current.
    const doc = this.session.documents.get(uri);
    if (!doc) return;
    const diagnostics = orLogged(`diagnostics of ${uri}`, undefined, () => this.session.documentDiagnostics(doc, e));
    this.activity.diagnosed(uri);
    if (diagnostics) void this.session.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /** Re-checks the other open documents of a configuration root after a file of it changed. */
  siblingsChanged(changedPath: string, e: Loaded, delayMs: number): void {
    const root = this.session.rootOf(changedPath, e);
    if (root === undefined) return;
    clearTimeout(this.siblingTimers.get(root));
    this.siblingTimers.set(
      root,
      setTimeout(() => {
        this.siblingTimers.delete(root);
        const others = this.session.documents.all().filter((d) => this.session.pathOf(d.uri) !== changedPath && this.session.rootOf(this.session.pathOf(d.uri), e) === root);
        if (others.length === 0) return;
        if (!this.push) {
          // (the client pulls every open document again; those that did not change are answered "unchanged")
          if (this.session.support.diagnosticRefresh) void this.session.connection.languages.diagnostics.refresh();
          return;
        }
        for (const doc of others) if (!this.timers.has(doc.uri)) void this.publish(doc.uri);
      }, delayMs),
    );
  }
}
