// Workspace diagnostics (LSP 3.17 `workspace/diagnostic`): the problems of the PBS files that are
// not open, so the Problems panel lists a whole configuration tree. VS Code asks again two
// seconds after each answer; a file whose result id the client already holds is answered
// "unchanged" without diagnosing it again.
import {
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node.js';

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
   */
  reports(entries: readonly WorkspaceEntry[], previous: readonly PreviousResultId[]): WorkspaceDocumentDiagnosticReport[] {
    const held = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const now = new Set<string>();
    for (const e of entries) {
      now.add(e.uri);
      if (held.get(e.uri) === e.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: e.uri, resultId: e.resultId, version: null });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: e.uri, resultId: e.resultId, version: null, items: e.diagnostics() });
    }
    for (const uri of this.reported) {
      if (!now.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    this.reported = now;
    return items;
  }
}
