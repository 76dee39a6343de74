// Keeps the workspace in step with the editor and the disk: documents opened, changed and closed
// (their text wins over the disk while open), files changed on disk (didChangeWatchedFiles), and
// the diagnostics each of those may change.
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { FileChangeType } from './lsp.ts';
import type { PushDiagnostics } from './diagnostics-push.ts';
import type { PullDiagnostics } from './diagnostics-pull.ts';
import { ParamsError, array, checkParams, object, string, uinteger } from './params.ts';
import type { Session } from './session.ts';

const watchedParams = object({ changes: array(object({ uri: string, type: uinteger })) });

export function syncWorkspace(session: Session, push: PushDiagnostics, pull: PullDiagnostics): void {
  const { connection, documents } = session;

  documents.onDidOpen(async (ev) => {
    const e = await session.load();
    // The folder may hold files that were not there when it was last read.
    await session.loadSiblings(ev.document, e, true);
    push.siblingsChanged(session.pathOf(ev.document.uri), e, 0);
  });

  // (TextDocuments calls this for didOpen too)
  documents.onDidChangeContent((ev) => push.changed(ev.document.uri));

  documents.onDidClose(async (ev) => {
    const uri = ev.document.uri;
    push.closed(uri);
    pull.forget(uri);
    const e = await session.load();
    const path = session.pathOf(uri);
    // The file on disk (if any) takes the editor's place for the other files' references.
    e.workspace.delete(path);
    await e.files.reload(path);
    push.siblingsChanged(path, e, 0);
  });

  let warned = false;
  connection.onDidChangeWatchedFiles(async (raw: DidChangeWatchedFilesParams) => {
    let params;
    try {
      params = checkParams(watchedParams, raw);
    } catch (err) {
      if (!(err instanceof ParamsError)) throw err;
      if (!warned) console.error(`pbs-language-server: workspace/didChangeWatchedFiles ignored: ${err.message}`);
      warned = true;
      return;
    }
    const e = await session.load();
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue; // the editor's text wins over the disk
      const path = session.pathOf(change.uri);
      if (change.type === FileChangeType.Deleted) e.files.forget(path);
      else await e.files.reload(path);
      push.siblingsChanged(path, e, 0);
    }
  });
}
