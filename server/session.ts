// What the server's modules share: the connection, the open documents, the engine (loaded on
// first use), the client's capabilities and the settings, and the few questions every module asks
// of them (which PBS file is this URI, which files are open, what are this document's
// diagnostics). No PBS knowledge here: that is asked of service/ through the engine.
import { TextDocuments } from './lsp.ts';
import type { ClientCapabilities, Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceFile } from '../service/index.ts';
import type { FeatureContext, Found, Loaded } from './feature.ts';
import { fileKindWithAssociations } from './file-associations.ts';
import type { ServerHost } from './host.ts';
import { ResultCaps } from './result-caps.ts';
import { DEFAULT_SETTINGS, timeZoneOf, type Settings } from './settings.ts';
import { textDocuments } from './text-documents.ts';

/** What the client said in initialize that changes how the server talks to it. */
export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  watchedFilesDynamic: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
}

export class Session implements FeatureContext {
  readonly documents = new TextDocuments<TextDocument>(textDocuments);
  readonly caps: ResultCaps;
  readonly support: ClientSupport = { pullDiagnostics: false, diagnosticRefresh: false, watchedFilesDynamic: false, configuration: false, configurationDynamic: false };
  client: ClientCapabilities = {};
  current: Settings = DEFAULT_SETTINGS;
  /** Bumped when the settings change: part of every diagnostic result id. */
  settingsStamp = 0;
  /** The editor's workspace folders (paths), searched for PBS files by workspace diagnostics. */
  folders: string[] = [];
  /** What the client sent as initializationOptions. */
  initializationOptions: unknown;
  private loading: Promise<Loaded> | undefined;

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
  ) {
    this.caps = new ResultCaps(connection);
  }

  /** The engine, loaded on first use; later calls resolve at once and in call order. */
  load(): Promise<Loaded> {
    return (this.loading ??= import('./engine.ts').then(async (engine) => {
      const workspace = new engine.Workspace();
      const { connection, initializationOptions } = this;
      const files = await this.host.files({ workspace, connection, initializationOptions, log: (m) => console.error(m) });
      return { engine, workspace, files };
    }));
  }

  /** The workspace path of a document URI (see ServerHost.pathOf). */
  pathOf(uri: string): string {
    return this.host.pathOf(uri);
  }

  clientCapabilities(): ClientCapabilities {
    return this.client;
  }

  settings(): Settings {
    return this.current;
  }

  timeZone(): string | undefined {
    return timeZoneOf(this.current);
  }

  kindOf(path: string) {
    return fileKindWithAssociations(path, this.current.fileAssociations);
  }

  /** The paths of the open documents (compared as paths: editors and Node encode URIs differently). */
  openPaths(): Set<string> {
    return new Set(this.documents.all().map((d) => this.pathOf(d.uri)));
  }

  /** The configuration root of a PBS file, or undefined for any other file. */
  rootOf(path: string, e: Loaded): string | undefined {
    const kind = this.kindOf(path);
    return kind ? e.engine.configRootOf(path, kind) : undefined;
  }

  /** Parses the editor's text of a document into the workspace (only what changed). */
  sync(doc: TextDocument, e: Loaded): WorkspaceFile | undefined {
    const path = this.pathOf(doc.uri);
    const kind = this.kindOf(path);
    return kind ? e.workspace.set(path, kind, doc.getText()) : undefined;
  }

  /** Reads the files beside a document (once per folder) so references resolve. */
  async loadSiblings(doc: TextDocument, e: Loaded, refresh: boolean): Promise<void> {
    const path = this.pathOf(doc.uri);
    const root = this.rootOf(path, e);
    if (root !== undefined && this.host.isReadable(path)) {
      await e.files.loadRoot(root, (p) => this.documents.get(this.host.uriOf(p)) !== undefined, refresh);
    }
  }

  async fileFor(uri: string): Promise<Found | undefined> {
    if (!this.documents.get(uri)) return undefined;
    const loaded = await this.load();
    // A request right after didOpen must see the files beside the document (rename, references).
    const before = this.documents.get(uri);
    if (before) await this.loadSiblings(before, loaded, false);
    // the text as it is now (a change may have come in while the files were read)
    const document = this.documents.get(uri);
    const file = document && this.sync(document, loaded);
    return file && document ? { loaded, file, document } : undefined;
  }

  /** An open document's diagnostics (none when validation is off or it is no PBS file). */
  documentDiagnostics(doc: TextDocument, e: Loaded): Diagnostic[] {
    const file = this.sync(doc, e);
    return file && this.current.validation.enable ? this.diagnosticsOf(file, doc.uri, e) : [];
  }

  /**
   * A file's diagnostics, at most `pbs.limits.maxDiagnostics` (the engine stops there and closes
   * with one `too-many-problems` diagnostic; the user is told once which setting raises it).
   */
  diagnosticsOf(file: WorkspaceFile, uri: string, e: Loaded): Diagnostic[] {
    const limit = this.current.limits.maxDiagnostics;
    const calendar = this.current.calendar;
    const diagnostics = e.engine.diagnose(file, e.workspace, undefined, limit, {
      uriOf: this.host.uriOf,
      timeZone: this.timeZone(),
      ...(calendar.overlapHints ? { overlapWindowMinutes: calendar.overlapWindowMinutes } : {}),
    });
    const closing = diagnostics.at(-1);
    if (closing?.code === 'too-many-problems') {
      const more = (closing.data as { more?: number } | undefined)?.more;
      const of = more === undefined ? '' : ` of ${limit + more}`;
      this.caps.notice(uri, 'problems', `showing the first ${limit}${of} problems; raise pbs.limits.maxDiagnostics to see more.`);
    }
    return diagnostics;
  }
}
