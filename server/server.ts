// LSP glue: capabilities, and the modules that do the work — document and disk sync
// (workspace-sync.ts), diagnostics pushed, pulled and for the whole workspace (diagnostics-*.ts),
// settings (settings-sync.ts) and one file per language feature (features/). No PBS knowledge
// here: everything is asked of service/. The connection comes from main.ts with its lifecycle
// gate (lifecycle.ts) and, for --stdio, its bounded reader (stdio.ts).
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind } from './lsp.ts';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { VERSION } from '../core/version.ts';
import { KIND_GLOBS } from '../service/light.ts';
import { PullDiagnostics } from './diagnostics-pull.ts';
import { PushDiagnostics } from './diagnostics-push.ts';
import { WorkspaceDiagnostics } from './diagnostics-workspace.ts';
import { EditActivity } from './edit-activity.ts';
import { FEATURES } from './features.ts';
import type { ServerHost } from './host.ts';
import { Session } from './session.ts';
import { SettingsSync } from './settings-sync.ts';
import { syncWorkspace } from './workspace-sync.ts';

export function startServer(connection: Connection, host: ServerHost): void {
  const session = new Session(connection, host);
  const activity = new EditActivity();
  const push = new PushDiagnostics(session, activity);
  const pull = new PullDiagnostics(session, activity);
  const workspaceDiagnostics = new WorkspaceDiagnostics(session);
  const settings = new SettingsSync(session, push);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = (session.client = params.capabilities ?? {});
    const support = session.support;
    support.pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    support.diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    support.watchedFilesDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    support.configuration = caps.workspace?.configuration === true;
    support.configurationDynamic = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    // Settings given at start (clients without workspace/configuration); pulled again below.
    session.initializationOptions = params.initializationOptions;
    if (params.initializationOptions != null) settings.adopt(params.initializationOptions);
    const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.map((f) => f?.uri) : [params.rootUri];
    session.folders = host.searchableFolders(folders.filter((u): u is string => typeof u === 'string'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: 'pbs', interFileDependencies: true, workspaceDiagnostics: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...Object.assign({}, ...FEATURES.map((f) => (typeof f.capabilities === 'function' ? f.capabilities(host) : f.capabilities))),
      },
      serverInfo: { name: 'pbs-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Load the engine in the background now that initialize has been answered.
    setTimeout(() => void session.load(), 0);
    if (session.support.configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pbs' });
    void settings.pull();
    if (session.client.workspace?.workspaceFolders === true) {
      connection.workspace.onDidChangeWorkspaceFolders((ev) => void workspaceDiagnostics.foldersChanged(ev.added.map((f) => f.uri), ev.removed.map((f) => f.uri)));
    }
    // Clients that can register watchers dynamically (VS Code) get one for the PBS files; others
    // (Neovim, Helix) send didChangeWatchedFiles on their own or not at all.
    if (session.support.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: KIND_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
  });

  settings.register();
  syncWorkspace(session, push, pull);
  pull.register();
  workspaceDiagnostics.register();
  for (const feature of FEATURES) feature.register(session);

  session.documents.listen(connection);
  connection.listen();
}
