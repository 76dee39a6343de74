// What a language feature (hover, completion, …) plugs into the server with: the capabilities it
// declares (statically, in the initialize result) and the handlers it registers. Each feature is
// one file in server/features/ that translates between LSP and one service/ function; its
// handlers go through server/request.ts (params, lookup, cancellation, errors).
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace, WorkspaceFile } from '../service/index.ts';
import type { DiskFiles } from './disk-files.ts';
import type { ResultCaps } from './result-caps.ts';
import type { Settings } from './settings.ts';

export type Engine = typeof import('./engine.ts');

export interface Loaded {
  engine: Engine;
  workspace: Workspace;
  disk: DiskFiles;
}

/** An open document, parsed into the workspace with the files beside it. */
export interface Found {
  loaded: Loaded;
  file: WorkspaceFile;
  document: TextDocument;
}

export interface FeatureContext {
  connection: Connection;
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
  capabilities: ServerCapabilities;
  register(ctx: FeatureContext): void;
}

export { uriOfPath } from '../service/light.ts';
