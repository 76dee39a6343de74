// The workspace's files for a language server that has no disk (VS Code for the Web's worker):
// it asks the client, which answers through vscode.workspace (findFiles, fs.stat, fs.readFile),
// whatever the file system is (github.dev's repository, code-server's remote disk). The requests
// and their answers are agreed with server/ (pbs/findFiles, pbs/readFile); the globs and the cap
// are the server's, from service/light.ts.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { READ_LIMITS } from '../core/fs/read-errors.ts';
import { KIND_GLOBS, MAX_WORKSPACE_FILES, WORKSPACE_EXCLUDE_GLOB } from '../service/light.ts';

/** Every PBS file kind's globs, as the one pattern findFiles takes. */
const PBS_FILES_INCLUDE = `{${KIND_GLOBS.join(',')}}`;

export type ReadReason = 'not-found' | 'not-a-file' | 'too-large' | 'unreadable' | 'not-utf8';
export type ReadAnswer = { text: string } | { error: string; reason: ReadReason };

export async function findPbsFiles(token?: vscode.CancellationToken): Promise<{ uris: string[] }> {
  // one more than the server takes: it sees that the list was cut
  const found = await vscode.workspace.findFiles(PBS_FILES_INCLUDE, WORKSPACE_EXCLUDE_GLOB, MAX_WORKSPACE_FILES + 1, token);
  return { uris: found.map((u) => u.toString()) };
}

function failure(err: unknown): ReadAnswer {
  if (err instanceof vscode.FileSystemError) {
    if (err.code === 'FileNotFound') return { error: 'it does not exist', reason: 'not-found' };
    if (err.code === 'FileIsADirectory') return { error: 'it is a folder', reason: 'not-a-file' };
    if (err.code === 'NoPermissions') return { error: 'no permission to read it', reason: 'unreadable' };
    if (err.code === 'Unavailable') return { error: 'its file system is unavailable', reason: 'unreadable' };
  }
  return { error: (err as Error)?.message ?? String(err), reason: 'unreadable' };
}

/** The text of `uri` when it is a regular file of at most `maxBytes` bytes of UTF-8. */
export async function readPbsFile(uri: string, maxBytes: number): Promise<ReadAnswer> {
  let target: vscode.Uri;
  try {
    target = vscode.Uri.parse(uri, true);
  } catch {
    return { error: `'${uri}' is not a URI`, reason: 'unreadable' };
  }
  let bytes: Uint8Array;
  try {
    const st = await vscode.workspace.fs.stat(target);
    if ((st.type & vscode.FileType.File) === 0) return { error: (st.type & vscode.FileType.Directory) !== 0 ? 'it is a folder' : 'it is not a regular file', reason: 'not-a-file' };
    // the size first: a huge file is never read into memory
    if (st.size > maxBytes) return { error: `it is ${st.size} bytes, more than ${maxBytes}`, reason: 'too-large' };
    bytes = await vscode.workspace.fs.readFile(target);
  } catch (err) {
    return failure(err);
  }
  // the file may have grown between stat and read
  if (bytes.byteLength > maxBytes) return { error: `it is ${bytes.byteLength} bytes, more than ${maxBytes}`, reason: 'too-large' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'it is not UTF-8 text', reason: 'not-utf8' };
  }
}

/** Answers the server's pbs/findFiles and pbs/readFile requests. */
export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest('pbs/findFiles', (_params: unknown, token: vscode.CancellationToken) => findPbsFiles(token)),
    client.onRequest('pbs/readFile', (params: { uri?: unknown; maxBytes?: unknown }): ReadAnswer | Promise<ReadAnswer> => {
      if (typeof params?.uri !== 'string' || typeof params.maxBytes !== 'number' || !(params.maxBytes >= 0)) return { error: 'pbs/readFile needs { uri, maxBytes }', reason: 'unreadable' };
      // never more than a configuration file's cap, whatever a server asks for
      return readPbsFile(params.uri, Math.min(params.maxBytes, READ_LIMITS.configFile));
    }),
  ];
}
