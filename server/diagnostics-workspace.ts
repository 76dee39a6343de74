// Workspace diagnostics (LSP 3.17 `workspace/diagnostic`): the problems of the PBS files that are
// not open, so the Problems panel lists a whole configuration tree. VS Code asks again two
// seconds after each answer; a file whose result id the client already holds is answered
// "unchanged" without diagnosing it again. A long answer lets other requests in between files
// and stops when cancelled.
//
// A PBS-named file of a configuration tree that cannot be read (a FIFO, a link to a device, a
// directory, bigger than READ_LIMITS.configFile, no permission) is reported as one
// `unreadable-file` error at its start, worded as `pbs-tools lint` words it: PBS itself would fail
// to read that file, and the editor's panel should agree with the command line on the same folder.
import { DiagnosticSeverity, DocumentDiagnosticReportKind } from './lsp.ts';
import type { Diagnostic, PreviousResultId, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import type { Loaded } from './feature.ts';
import { array, object, optional, string } from './params.ts';
import { orLogged, request, type RequestScope } from './request.ts';
import type { Session } from './session.ts';
import { unreadableFileProblem } from '../service/light.ts';

export interface WorkspaceEntry {
  uri: string;
  /** Changes whenever the file's diagnostics may have changed. */
  resultId: string;
  diagnostics: () => Diagnostic[];
}

export class WorkspaceReports {
  /** The files the last answer reported on. */
  private reported = new Set<string>();

  /**
   * One answer: "unchanged" where the client holds the current result id, the full diagnostics
   * otherwise, and an empty report for every file reported before and gone since (deleted,
   * opened, or workspace diagnostics turned off), so that no stale problem stays in the panel.
   * `breathe` runs before each file diagnosed (it may throw to give up: cancelled).
   */
  async reports(entries: readonly WorkspaceEntry[], previous: readonly PreviousResultId[], breathe: () => Promise<void> = async () => {}): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const held = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const now = new Set<string>();
    for (const e of entries) {
      now.add(e.uri);
      if (held.get(e.uri) === e.resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: e.uri, resultId: e.resultId, version: null });
        continue;
      }
      await breathe();
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri: e.uri, resultId: e.resultId, version: null, items: e.diagnostics() });
    }
    for (const uri of this.reported) {
      if (!now.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    this.reported = now;
    return items;
  }
}

/** The diagnostic of a PBS-named file that could not be read (the CLI's `unreadable-file` finding). */
export function unreadableDiagnostic(reason: string, source: string): Diagnostic {
  const p = unreadableFileProblem(reason);
  const start = { line: 0, character: 0 };
  return { range: { start, end: start }, severity: DiagnosticSeverity.Error, code: p.code, source, message: p.message };
}

const workspaceParams = object({ previousResultIds: array(object({ uri: string, value: string })), identifier: optional(string) });

export class WorkspaceDiagnostics {
  private readonly reports = new WorkspaceReports();
  private scanned: Promise<void> | undefined;

  constructor(private readonly session: Session) {}

  register(): void {
    this.session.connection.languages.diagnostics.onWorkspace(
      request('workspace diagnostics', workspaceParams, async (params, scope) => ({ items: await this.answer(params.previousResultIds, scope) })),
    );
  }

  /** Folders added to or removed from the workspace: search again; forget the unopened files of removed ones. */
  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const s = this.session;
    const gone = s.host.searchableFolders(removed);
    s.folders = [...s.folders.filter((f) => !gone.includes(f)), ...s.host.searchableFolders(added)];
    this.scanned = undefined;
    const e = await s.load();
    const inside = (path: string, folder: string) => s.host.inside(path, folder);
    const open = s.openPaths();
    const dropped = (path: string) => gone.some((f) => inside(path, f)) && !s.folders.some((f) => inside(path, f)) && !open.has(path);
    for (const file of e.workspace.all()) if (dropped(file.path)) e.files.forget(file.path);
    for (const path of e.files.unreadable().keys()) if (dropped(path)) e.files.forget(path);
    if (s.support.diagnosticRefresh) void s.connection.languages.diagnostics.refresh();
  }

  /** Reads the PBS files under the workspace folders into the workspace (once; watchers keep it current). */
  private scan(e: Loaded): Promise<void> {
    return (this.scanned ??= (async () => {
      const found = await e.files.findAll(this.session.folders);
      if (found.truncated) this.session.connection.console.warn(`workspace diagnostics: the workspace folders are too big to search whole; ${found.files.length} PBS files found before the limit`);
      const open = this.session.openPaths();
      await e.files.reloadAll(found.files.filter((p) => !open.has(p)));
    })());
  }

  private async answer(previous: readonly PreviousResultId[], scope: RequestScope): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const s = this.session;
    const e = await s.load();
    const entries: WorkspaceEntry[] = [];
    if (s.current.validation.enable && s.current.validation.workspace) {
      await scope.untilCancelled(this.scan(e));
      const trees = e.workspace.configTrees();
      const open = s.openPaths();
      for (const file of e.workspace.all()) {
        // open documents are pulled one by one; a path that is no file (untitled:…) is always open
        if (!s.host.isReadable(file.path) || open.has(file.path)) continue;
        if (!trees.has(e.engine.configRootOf(file.path, file.kind))) continue;
        const uri = s.host.uriOf(file.path);
        entries.push({
          uri,
          resultId: `${e.workspace.generationOf(file)}.${s.settingsStamp}`,
          // one file that cannot be diagnosed must not cost the others their report
          diagnostics: () => orLogged(`workspace diagnostics of ${file.path}`, [], () => s.diagnosticsOf(file, uri, e)),
        });
      }
      for (const [path, reason] of e.files.unreadable()) {
        const kind = e.engine.fileKindOfPath(path);
        if (!kind || open.has(path) || !trees.has(e.engine.configRootOf(path, kind))) continue;
        entries.push({ uri: s.host.uriOf(path), resultId: `unreadable.${s.settingsStamp}.${reason}`, diagnostics: () => [unreadableDiagnostic(reason, e.engine.DIAGNOSTIC_SOURCE)] });
      }
    }
    return this.reports.reports(entries, previous, () => scope.breathe());
  }
}
