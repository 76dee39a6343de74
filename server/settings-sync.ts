// The `pbs` settings, kept current: pulled with workspace/configuration where the client can
// answer it (VS Code, Neovim, Emacs/eglot), else taken from didChangeConfiguration's payload;
// when they change, every open file is checked again and inlay hints are refreshed.
import { MessageType } from './lsp.ts';
import { escapeControls } from '../core/control-chars.ts';
import type { PushDiagnostics } from './diagnostics-push.ts';
import { associationProblems, unknownAssociationKinds } from './file-associations.ts';
import type { Session } from './session.ts';
import { localTimeZone } from '../core/format/zone-clock.ts';
import { settingsFrom, timeZoneOf, type Settings } from './settings.ts';

export class SettingsSync {
  /** What was said about the settings already (each once per session). */
  private readonly told = new Set<string>();

  constructor(
    private readonly session: Session,
    private readonly push: PushDiagnostics,
  ) {}

  register(): void {
    this.session.connection.onDidChangeConfiguration((params) => void this.pull((params as { settings?: unknown } | null)?.settings ?? null));
  }

  /** Takes the settings given in initialize's initializationOptions. */
  adopt(raw: unknown): void {
    this.session.current = settingsFrom(raw);
    this.tellProblems(this.session.current);
  }

  /** Asks the client for the settings (when it can answer), or takes `pushed`; re-checks the open files if they changed. */
  async pull(pushed?: unknown): Promise<void> {
    const s = this.session;
    let next = s.current;
    if (s.support.configuration) {
      try {
        next = settingsFrom(await s.connection.workspace.getConfiguration({ section: 'pbs' }));
      } catch {
        // a client that says it can and then cannot: keep what we have
      }
    } else if (pushed !== undefined) next = settingsFrom(pushed);
    if (JSON.stringify(next) === JSON.stringify(s.current)) return;
    s.current = next;
    s.settingsStamp++;
    this.tellProblems(next);
    this.push.all();
    if (s.client.workspace?.inlayHint?.refreshSupport === true) void s.connection.languages.inlayHint.refresh();
  }

  /** Tells the user (once each) which settings are not used, and why. */
  private tellProblems(settings: Settings): void {
    const unknown = unknownAssociationKinds(settings.fileAssociations).map((k) => `${JSON.stringify(k.slice(0, 60))} is no PBS file kind (use a PBS file name such as datastore.cfg)`);
    const problems = [...associationProblems(settings.fileAssociations), ...unknown].map((p) => `pbs.fileAssociations: ${p}`);
    if (settings.timeZone !== '' && timeZoneOf(settings) === undefined) {
      // the CLI's wording for --tz
      problems.push(`pbs.timeZone: unknown time zone ${JSON.stringify(settings.timeZone.slice(0, 60))} (use an IANA name such as Europe/Vienna or UTC); runs are computed in this machine's zone, ${localTimeZone()}`);
    }
    for (const problem of problems) {
      if (this.told.has(problem)) continue;
      this.told.add(problem);
      const message = escapeControls(problem);
      console.error(`pbs-language-server: ${message}`);
      void this.session.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message });
    }
  }
}
