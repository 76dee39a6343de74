// What differs between the Node server (main.ts) and the Web Worker server (browser-main.ts),
// handed to startServer: how a document URI becomes a workspace path, where the PBS files that
// are not open come from (the disk, the client, or nowhere), and which toolbox commands run.
// Everything else — the LSP glue, the features, the service — is the same code in both.
import type { Connection } from 'vscode-languageserver';
import type { Workspace } from '../service/index.ts';

/** The PBS files that are not open in the editor: found, read into the workspace, kept current. */
export interface WorkspaceFiles {
  /**
   * Loads every recognized file of configuration root `root` (and its acme/ folder) that is not
   * open, or again with `refresh`. Calls without refresh share the last load.
   */
  loadRoot(root: string, isOpen: (path: string) => boolean, refresh?: boolean): Promise<void>;
  /** (Re-)reads files, a few at a time. */
  reloadAll(paths: readonly string[]): Promise<void>;
  /** (Re-)reads one file; removes it from the workspace if gone or unreadable. */
  reload(path: string): Promise<void>;
  /** A file is gone (deleted, or its folder left the workspace). */
  forget(path: string): void;
  /** The PBS-named files that could not be read, with why ("it is a named pipe (FIFO), ..."). */
  unreadable(): ReadonlyMap<string, string>;
  /** Every PBS file under the workspace folders (bounded: `truncated` when the limits cut it). */
  findAll(folders: readonly string[]): Promise<{ files: string[]; truncated: boolean }>;
}

/** What a host needs to make its WorkspaceFiles. */
export interface FilesContext {
  workspace: Workspace;
  connection: Connection;
  /** What the client sent as initializationOptions (it may ask for files read through it). */
  initializationOptions: unknown;
  log(message: string): void;
}

export interface ServerHost {
  /** The workspace path of a document URI (a `file:` URI's path on Node; otherwise the URI itself). */
  pathOf(uri: string): string;
  /** The URI of a workspace path (the inverse of pathOf). */
  uriOf(path: string): string;
  /** The workspace folders that can be searched for PBS files, as workspace paths, from their URIs. */
  searchableFolders(uris: readonly string[]): string[];
  /** Whether workspace path `path` is `folder` or below it. */
  inside(path: string, folder: string): boolean;
  /** Whether a workspace path names a file that may be read (not an untitled document). */
  isReadable(path: string): boolean;
  /** The files that are not open, made when the engine loads. */
  files(context: FilesContext): Promise<WorkspaceFiles>;
  /** The toolbox commands this host runs (workspace/executeCommand). */
  toolCommands: readonly string[];
  /** Runs one of toolCommands; `signal` stops a long one; `timeZone`: the editor's pbs.timeZone. */
  runToolCommand(command: string, args: unknown[], signal: AbortSignal, timeZone: string | undefined): Promise<unknown>;
}
