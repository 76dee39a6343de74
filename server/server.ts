// LSP glue: connection, capabilities, document sync and diagnostics. No PBS knowledge here —
// everything is asked of service/.
import {
  createConnection,
  DidChangeConfigurationNotification,
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
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { textDocuments } from './text-documents.ts';
import { isAbsolute, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VERSION } from '../core/version.ts';
import { fileKindWithAssociations } from './file-associations.ts';
import { ResultCaps } from './result-caps.ts';
import { DEFAULT_SETTINGS, settingsFrom, type Settings } from './settings.ts';
import type { WorkspaceFile } from '../service/workspace.ts';
import { orLogged, type FeatureContext, type Loaded } from './feature.ts';
import { FEATURES } from './features.ts';
import { WorkspaceReports, type WorkspaceEntry } from './workspace-diagnostics.ts';
import { scanFolders } from './workspace-scan.ts';

interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  watchedFilesDynamic: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(textDocuments);
  let loading: Promise<Loaded> | undefined;
  /** The engine, loaded on first use; later calls resolve at once and in call order. */
  const load = (): Promise<Loaded> =>
    (loading ??= import('./engine.ts').then((engine) => {
      const workspace = new engine.Workspace();
      return { engine, workspace, disk: new engine.DiskFiles(workspace) };
    }));
  const support: ClientSupport = { pullDiagnostics: false, diagnosticRefresh: false, watchedFilesDynamic: false, configuration: false, configurationDynamic: false };
  let settings: Settings = DEFAULT_SETTINGS;
  const caps = new ResultCaps(connection);
  const siblingTimers = new Map<string, NodeJS.Timeout>();

  let clientCapabilities: InitializeParams['capabilities'] = {};
  /** The editor's workspace folders (paths), searched for PBS files by workspace diagnostics. */
  let folders: string[] = [];
  /** Bumped when the settings change: part of every workspace diagnostic result id. */
  let settingsStamp = 0;
  const workspaceReports = new WorkspaceReports();
  let scanned: Promise<void> | undefined;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientCapabilities = caps;
    support.pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    support.diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    support.watchedFilesDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    support.configuration = caps.workspace?.configuration === true;
    support.configurationDynamic = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    // Settings given at start (clients without workspace/configuration); pulled again below.
    if (params.initializationOptions != null) settings = settingsFrom(params.initializationOptions);
    folders = folderPaths(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: 'pbs', interFileDependencies: true, workspaceDiagnostics: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...Object.assign({}, ...FEATURES.map((f) => f.capabilities)),
      },
      serverInfo: { name: 'pbs-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Load the engine in the background now that initialize has been answered.
    setTimeout(() => void load(), 0);
    if (support.configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pbs' });
    void pullSettings();
    if (clientCapabilities.workspace?.workspaceFolders === true) connection.workspace.onDidChangeWorkspaceFolders((ev) => void foldersChanged(ev.added.map((f) => f.uri), ev.removed.map((f) => f.uri)));
    // Clients that can register watchers dynamically (VS Code) get one for the PBS files; others
    // (Neovim, Helix) send didChangeWatchedFiles on their own or not at all.
    if (support.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{cfg,json,shadow}' }, { globPattern: '**/acme/accounts/*' }],
      });
    }
  });

  /** Asks the client for the `pbs` settings (when it can answer); re-checks the open files if they changed. */
  async function pullSettings(pushed?: unknown): Promise<void> {
    let next = settings;
    if (support.configuration) {
      try {
        next = settingsFrom(await connection.workspace.getConfiguration({ section: 'pbs' }));
      } catch {
        // a client that says it can and then cannot: keep what we have
      }
    } else if (pushed !== undefined) next = settingsFrom(pushed);
    if (JSON.stringify(next) === JSON.stringify(settings)) return;
    settings = next;
    settingsStamp++;
    const e = await load();
    if (support.pullDiagnostics) {
      if (support.diagnosticRefresh) void connection.languages.diagnostics.refresh();
    } else for (const doc of documents.all()) publish(doc, e);
    if (clientCapabilities.workspace?.inlayHint?.refreshSupport === true) void connection.languages.inlayHint.refresh();
  }

  connection.onDidChangeConfiguration((params) => void pullSettings(params.settings ?? null));

  function kindOf(path: string) {
    return fileKindWithAssociations(path, settings.fileAssociations);
  }

  /** The paths of the `file:` URIs among workspace folder URIs (others cannot be searched). */
  function folderPaths(uris: string[]): string[] {
    return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  function pathOf(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  }

  /** The paths of the open documents (compared as paths: editors and Node encode URIs differently). */
  function openPaths(): Set<string> {
    return new Set(documents.all().map((d) => pathOf(d.uri)));
  }

  function rootOf(path: string, e: Loaded): string | undefined {
    const kind = kindOf(path);
    return kind ? e.engine.configRootOf(path, kind) : undefined;
  }

  /** Parses the editor's text of a document into the workspace (only what changed). */
  function sync(doc: TextDocument, e: Loaded): WorkspaceFile | undefined {
    const path = pathOf(doc.uri);
    const kind = kindOf(path);
    if (!kind) return undefined;
    return e.workspace.set(path, kind, doc.getText());
  }

  function diagnosticsFor(doc: TextDocument, e: Loaded) {
    const file = sync(doc, e);
    if (!file || !settings.validation.enable) return [];
    return cappedDiagnostics(file, doc.uri, e);
  }

  /** A file's diagnostics, cut at `pbs.limits.maxDiagnostics` (with the one-time notice). */
  function cappedDiagnostics(file: WorkspaceFile, uri: string, e: Loaded) {
    return caps.cap(e.engine.diagnose(file, e.workspace), settings.limits.maxDiagnostics, uri, 'problems', 'pbs.limits.maxDiagnostics').items;
  }

  function publish(doc: TextDocument, e: Loaded): void {
    if (support.pullDiagnostics) return;
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsFor(doc, e) });
  }

  /** Re-checks the other open documents of a configuration root after a file of it changed. */
  function revalidateSiblings(changedPath: string, e: Loaded, delayMs: number): void {
    const root = rootOf(changedPath, e);
    if (root === undefined) return;
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
          if (p !== changedPath && rootOf(p, e) === root) publish(doc, e);
        }
      }, delayMs),
    );
  }

  /** Reads the files beside a document from disk (once per folder) so references resolve. */
  async function loadSiblings(doc: TextDocument, e: Loaded, refresh: boolean): Promise<void> {
    const root = rootOf(pathOf(doc.uri), e);
    if (root !== undefined && doc.uri.startsWith('file:')) {
      await e.disk.loadRoot(root, (p) => documents.get(pathToFileURL(p).href) !== undefined, refresh);
    }
  }

  documents.onDidOpen(async (ev) => {
    const e = await load();
    await loadSiblings(ev.document, e, true);
    revalidateSiblings(pathOf(ev.document.uri), e, 0);
  });

  documents.onDidChangeContent(async (ev) => {
    const e = await load();
    // The first diagnostics of a file already know the files beside it.
    await loadSiblings(ev.document, e, false);
    // A newer version may have arrived meanwhile; diagnose what is current.
    const doc = documents.get(ev.document.uri);
    if (!doc) return;
    publish(doc, e);
    revalidateSiblings(pathOf(doc.uri), e, 250);
  });

  documents.onDidClose(async (ev) => {
    const e = await load();
    const path = pathOf(ev.document.uri);
    // The file on disk (if any) takes the editor's place for the other files' references.
    e.workspace.delete(path);
    await e.disk.reload(path);
    if (!support.pullDiagnostics) void connection.sendDiagnostics({ uri: ev.document.uri, diagnostics: [] });
    revalidateSiblings(path, e, 0);
  });

  connection.languages.diagnostics.on(async (params) => {
    const e = await load();
    const doc = documents.get(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: doc ? diagnosticsFor(doc, e) : [] };
  });

  /** Folders added to or removed from the workspace: search again; forget the unopened files of removed ones. */
  async function foldersChanged(added: string[], removed: string[]): Promise<void> {
    const gone = folderPaths(removed);
    folders = [...folders.filter((f) => !gone.includes(f)), ...folderPaths(added)];
    scanned = undefined;
    const e = await load();
    const inside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
    const open = openPaths();
    for (const file of e.workspace.all()) {
      if (gone.some((f) => inside(file.path, f)) && !folders.some((f) => inside(file.path, f)) && !open.has(file.path)) e.workspace.delete(file.path);
    }
    if (support.diagnosticRefresh) void connection.languages.diagnostics.refresh();
  }

  /** Reads the PBS files under the workspace folders into the workspace (once; watchers keep it current). */
  function scanWorkspace(e: Loaded): Promise<void> {
    return (scanned ??= (async () => {
      const found = await scanFolders(folders, (p) => e.engine.fileKindOfPath(p) !== undefined);
      if (found.truncated) connection.console.warn(`workspace diagnostics: the workspace folders are too big to search whole; ${found.files.length} PBS files found before the limit`);
      const open = openPaths();
      await Promise.all(found.files.filter((p) => !open.has(p)).map((p) => e.disk.reload(p)));
    })());
  }

  connection.languages.diagnostics.onWorkspace(async (params) => {
    const e = await load();
    const entries: WorkspaceEntry[] = [];
    if (settings.validation.enable && settings.validation.workspace) {
      await scanWorkspace(e);
      const trees = e.workspace.configTrees();
      const open = openPaths();
      for (const file of e.workspace.all()) {
        // open documents are pulled one by one; a path that is no file (untitled:…) is always open
        if (!isAbsolute(file.path) || open.has(file.path)) continue;
        if (!trees.has(e.engine.configRootOf(file.path, file.kind))) continue;
        const uri = pathToFileURL(file.path).href;
        entries.push({
          uri,
          resultId: `${e.workspace.generationOf(file)}.${settingsStamp}`,
          // one file that cannot be diagnosed must not cost the others their report
          diagnostics: () => orLogged(`workspace diagnostics of ${file.path}`, [], () => cappedDiagnostics(file, uri, e)),
        });
      }
    }
    return { items: workspaceReports.reports(entries, params.previousResultIds) };
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const e = await load();
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue; // the editor's text wins over the disk
      const path = pathOf(change.uri);
      if (change.type === FileChangeType.Deleted) e.workspace.delete(path);
      else await e.disk.reload(path);
      revalidateSiblings(path, e, 0);
    }
  });

  const context: FeatureContext = {
    connection,
    documents,
    load,
    clientCapabilities: () => clientCapabilities,
    settings: () => settings,
    caps,
    async fileFor(uri) {
      const document = documents.get(uri);
      if (!document) return undefined;
      const loaded = await load();
      // A request right after didOpen must see the files beside the document (rename, references).
      await loadSiblings(document, loaded, false);
      const file = sync(document, loaded);
      return file ? { loaded, file, document } : undefined;
    },
  };
  for (const feature of FEATURES) feature.register(context);

  documents.listen(connection);
  connection.listen();
}
