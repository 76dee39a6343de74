// What a language feature (hover, completion, …) plugs into the server with: the capabilities it
// declares (statically, in the initialize result) and the handlers it registers. Each feature is
// one file in server/features/ that translates between LSP and one service/ function.
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace, WorkspaceFile } from '../service/workspace.ts';
import type { DiskFiles } from './disk-files.ts';
import type { ResultCaps } from './result-caps.ts';
import type { Settings } from './settings.ts';

export type Engine = typeof import('./engine.ts');

export interface Loaded {
  engine: Engine;
  workspace: Workspace;
  disk: DiskFiles;
}

export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The engine, loaded on first use (later calls resolve at once, in call order). */
  load(): Promise<Loaded>;
  /** The open document's current text parsed into the workspace, or undefined (not open / not PBS). */
  fileFor(uri: string): Promise<{ loaded: Loaded; file: WorkspaceFile; document: TextDocument } | undefined>;
  /** What the client said it supports in initialize. */
  clientCapabilities(): import('vscode-languageserver/node.js').ClientCapabilities;
  /** The current `pbs.*` settings. */
  settings(): Settings;
  /** Cuts big results at `pbs.limits.maxResults`, telling the user once. */
  caps: ResultCaps;
}

/**
 * Throws the LSP "request cancelled" error when the client cancelled the request: the client
 * then knows the answer is not a (possibly partial) result.
 */
export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export interface Feature {
  capabilities: ServerCapabilities;
  register(ctx: FeatureContext): void;
}

/**
 * The URI of a workspace path: file paths (the server stores `file:` documents by their path)
 * become `file:` URIs again; anything else was kept as the client's URI.
 */
export function uriOfPath(path: string): string {
  return path.startsWith('/') ? pathToFileURL(path).href : path;
}

/**
 * Runs a service call behind a request the editor sends on its own while the user types or moves
 * the mouse (hover, completion). The service functions throw on a bug — that is how the fuzz tests
 * find them — but here a bug must not become an error pop-up on every keystroke: it is logged with
 * its stack on stderr (the editor's server log) and answered with `fallback`.
 */
export function orLogged<T>(what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    console.error(`pbs-language-server: ${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fallback;
  }
}
