// Pull diagnostics (textDocument/diagnostic, LSP 3.17; VS Code asks after every change). The
// answer is for the document's current text, with a result id (its configuration root's
// generation and the settings' stamp): a client that holds it gets "unchanged", and pulls that
// find the same id share one diagnose. While the document is in a burst of changes the pull
// waits (edit-activity.ts) — honouring cancellation, which VS Code sends for every pull a newer
// change overtakes — and a pull overtaken by a newer one for the same document is answered
// ServerCancelled with retriggerRequest false: the newer one carries the answer.
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from './lsp.ts';
import type { CancellationToken, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import type { EditActivity } from './edit-activity.ts';
import { object, optional, string, textDocument } from './params.ts';
import { request } from './request.ts';
import type { Session } from './session.ts';

const pullParams = object({ textDocument, previousResultId: optional(string) });

/** Resolves after `ms`, or at once when the token is cancelled. */
function sleep(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const listener = token.onCancellationRequested(done);
  });
}

export class PullDiagnostics {
  /** Per document: the newest pull's ticket. */
  private readonly newest = new Map<string, number>();
  private tickets = 0;
  /** Per document: the last answer, reused while its result id holds. */
  private readonly last = new Map<string, { resultId: string; items: Diagnostic[] }>();

  constructor(
    private readonly session: Session,
    private readonly activity: EditActivity,
  ) {}

  register(): void {
    this.session.connection.languages.diagnostics.on(request('document diagnostics', pullParams, (params, scope) => this.pull(params.textDocument.uri, params.previousResultId, scope)));
  }

  /** A document was closed. */
  forget(uri: string): void {
    this.newest.delete(uri);
    this.last.delete(uri);
  }

  private async pull(uri: string, previousResultId: string | undefined, scope: { token: CancellationToken; checkCancelled(): void }): Promise<DocumentDiagnosticReport> {
    const none: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (!this.session.documents.get(uri)) return none;
    const ticket = ++this.tickets;
    this.newest.set(uri, ticket);
    const current = () => {
      scope.checkCancelled();
      if (this.newest.get(uri) !== ticket) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer diagnostic request for this document came in', { retriggerRequest: false });
    };
    for (let wait = this.activity.dueIn(uri); wait > 0; wait = this.activity.dueIn(uri)) {
      await sleep(wait, scope.token);
      current();
    }
    const e = await this.session.load();
    const opened = this.session.documents.get(uri);
    if (!opened) return none;
    await this.session.loadSiblings(opened, e, false);
    current();
    const doc = this.session.documents.get(uri);
    const file = doc && this.session.sync(doc, e);
    if (!file) return none;
    this.activity.diagnosed(uri);
    const resultId = `${e.workspace.generationOf(file)}.${this.session.settingsStamp}`;
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    let answer = this.last.get(uri);
    if (answer?.resultId !== resultId) {
      answer = { resultId, items: this.session.current.validation.enable ? this.session.diagnosticsOf(file, uri, e) : [] };
      this.last.set(uri, answer);
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: answer.items };
  }
}
