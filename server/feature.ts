// What a language feature (hover, completion, …) plugs into the server with: the capabilities it
// declares (statically, in the initialize result) and the handlers it registers. Each feature is
// one file in server/features/ that translates between LSP and one service/ function; its
// handlers go through server/request.ts (params, lookup, cancellation, errors).
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace, WorkspaceFile } from '../service/index.ts';
import type { ServerHost, WorkspaceFiles } from './host.ts';
import type { ResultCaps } from './result-caps.ts';
import type { Settings } from './settings.ts';

export type Engine = typeof import('./engine.ts');

export interface Loaded {
  engine: Engine;
  workspace: Workspace;
  /** The PBS files that are not open (from the disk, or through the client). */
  files: WorkspaceFiles;
}

/** An open document, parsed into the workspace with the files beside it. */
export interface Found {
  loaded: Loaded;
  file: WorkspaceFile;
  document: TextDocument;
}

export interface FeatureContext {
  connection: Connection;
  /** What differs between the Node and the Web Worker server (URIs, files, commands). */
  host: ServerHost;
  documents: TextDocuments<TextDocument>;
  /** The engine, loaded on first use (later calls resolve at once, in call order). */
  load(): Promise<Loaded>;
  /** The open document's current text parsed into the workspace, or undefined (not open / not PBS). */
  fileFor(uri: string): Promise<Found | undefined>;
  /** What the client said it supports in initialize. */
  clientCapabilities(): ClientCapabilities;
  /** The current `pbs.*` settings. */
  settings(): Settings;
  /** The PBS server's zone for computed runs (pbs.timeZone), or undefined: this machine's. */
  timeZone(): string | undefined;
  /** Cuts big results at `pbs.limits.maxResults`, telling the user once. */
  caps: ResultCaps;
}

export interface Feature {
  /** Fixed, or depending on the host (the Web Worker server runs fewer commands). */
  capabilities: ServerCapabilities | ((host: ServerHost) => ServerCapabilities);
  register(ctx: FeatureContext): void;
}
