// LSP glue: connection, capabilities, document sync and diagnostics. No PBS knowledge here —
// everything is asked of service/.
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VERSION } from '../core/version.ts';
import { fileKindOfPath } from '../schema/file-kinds.ts';
import { diagnose } from '../service/diagnostics.ts';
import { Workspace, configRootOf, type WorkspaceFile } from '../service/workspace.ts';
import { DiskFiles } from './disk-files.ts';

interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  watchedFilesDynamic: boolean;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const disk = new DiskFiles(workspace);
  const support: ClientSupport = { pullDiagnostics: false, diagnosticRefresh: false, watchedFilesDynamic: false };
  const siblingTimers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support.pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    support.diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    support.watchedFilesDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: 'pbs', interFileDependencies: true, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'pbs-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Clients that can register watchers dynamically (VS Code) get one for the PBS files; others
    // (Neovim, Helix) send didChangeWatchedFiles on their own or not at all.
    if (support.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{cfg,json,shadow}' }, { globPattern: '**/acme/accounts/*' }],
      });
    }
  });

  function pathOf(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  }

  /** Parses the editor's text of a document into the workspace (only what changed). */
  function sync(doc: TextDocument): WorkspaceFile | undefined {
    const path = pathOf(doc.uri);
    const kind = fileKindOfPath(path);
    if (!kind) return undefined;
    return workspace.set(path, kind, doc.getText());
  }

  function diagnosticsFor(doc: TextDocument) {
    const file = sync(doc);
    return file ? diagnose(file, workspace) : [];
  }

  function publish(doc: TextDocument): void {
    if (support.pullDiagnostics) return;
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsFor(doc) });
  }

  /** Re-checks the other open documents of a configuration root after a file of it changed. */
  function revalidateSiblings(changedPath: string, delayMs: number): void {
    const kind = fileKindOfPath(changedPath);
    if (!kind) return;
    const root = configRootOf(changedPath, kind);
    clearTimeout(siblingTimers.get(root));
    siblingTimers.set(
      root,
      setTimeout(() => {
        siblingTimers.delete(root);
        if (support.pullDiagnostics) {
          if (support.diagnosticRefresh) void connection.languages.diagnostics.refresh();
          return;
        }
        for (const doc of documents.all()) {
          const p = pathOf(doc.uri);
          const k = fileKindOfPath(p);
          if (p !== changedPath && k && configRootOf(p, k) === root) publish(doc);
        }
      }, delayMs),
    );
  }

  documents.onDidOpen(async (e) => {
    const path = pathOf(e.document.uri);
    const kind = fileKindOfPath(path);
    if (kind && e.document.uri.startsWith('file:')) {
      await disk.loadRoot(configRootOf(path, kind), (p) => documents.get(pathToFileURL(p).href) !== undefined);
    }
    publish(e.document);
    revalidateSiblings(path, 0);
  });

  documents.onDidChangeContent((e) => {
    publish(e.document);
    revalidateSiblings(pathOf(e.document.uri), 250);
  });

  documents.onDidClose(async (e) => {
    const path = pathOf(e.document.uri);
    // The file on disk (if any) takes the editor's place for the other files' references.
    workspace.delete(path);
    await disk.reload(path);
    if (!support.pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    revalidateSiblings(path, 0);
  });

  connection.languages.diagnostics.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: doc ? diagnosticsFor(doc) : [] };
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue; // the editor's text wins over the disk
      const path = pathOf(change.uri);
      if (change.type === FileChangeType.Deleted) workspace.delete(path);
      else await disk.reload(path);
      revalidateSiblings(path, 0);
    }
  });

  documents.listen(connection);
  connection.listen();
}
