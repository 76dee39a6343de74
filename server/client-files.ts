// The Web Worker server's FileSource: it has no disk, so the workspace's PBS files that are not
// open are listed and read by the client (VS Code's vscode.workspace.fs, on github.dev a GitHub
// repository), through two requests of ours. The contract with the web client, which sends
// `initializationOptions: { workspaceFiles: 'client' }` to ask for this (web-host.ts):
//
//   pbs/findFiles {}                          → { uris: string[] }   (KIND_GLOBS, WORKSPACE_EXCLUDE_GLOB)
//   pbs/readFile  { uri, maxBytes }           → { text: string }
//                                             | { error: string, reason: ClientReadReason }
//
// Everything the client says is checked and bounded: at most MAX_WORKSPACE_FILES files, at most
// READ_LIMITS.configFile bytes a file and CLIENT_LIMITS.totalBytes in all, an answer within
// CLIENT_LIMITS.answerMs (else the request is cancelled and the file counts as unreadable; after
// that the client is not asked again for CLIENT_LIMITS.quietMs, so a client that never answers
// costs one wait, not one per file).
import { CancellationTokenSource } from './lsp.ts';
import type { Connection } from 'vscode-languageserver';
import { escapeControls } from '../core/control-chars.ts';
import { FileReadError, READ_LIMITS, quotePath, sizeWords } from '../core/fs/read-errors.ts';
import { MAX_WORKSPACE_FILES, fileKindOfPath } from '../service/light.ts';
import type { FileSource } from './workspace-files.ts';
import { rootOfPath } from './workspace-files.ts';

export const FIND_FILES_METHOD = 'pbs/findFiles';
export const READ_FILE_METHOD = 'pbs/readFile';

/** Why the client could not read a file (the contract's `reason`). */
export const CLIENT_READ_REASONS = ['not-found', 'not-a-file', 'too-large', 'unreadable', 'not-utf8'] as const;
export type ClientReadReason = (typeof CLIENT_READ_REASONS)[number];

export interface ClientLimits {
  /** How long an answer may take. */
  answerMs: number;
  /** After an unanswered request, how long the client is not asked again. */
  quietMs: number;
  /** Bytes of text taken from the client in all (each file is at most READ_LIMITS.configFile). */
  totalBytes: number;
  /** Files taken from a listing. */
  maxFiles: number;
}

export const CLIENT_LIMITS: Readonly<ClientLimits> = Object.freeze({ answerMs: 10_000, quietMs: 60_000, totalBytes: 32 * 1024 * 1024, maxFiles: MAX_WORKSPACE_FILES });

/** The longest URI taken from a listing (a path of a few hundred characters is already odd). */
const MAX_URI_LENGTH = 4096;
/** The longest `error` text of the client quoted in a message. */
const MAX_ERROR_TEXT = 200;

class NoAnswer extends Error {}

const utf8 = new TextEncoder();

/** The UTF-8 size of a text, counted only when it could be over `limit`. */
function utf8Bytes(text: string, limit: number): number {
  if (text.length > limit) return text.length; // (at least a byte a UTF-16 unit: over anyway)
  return text.length * 3 <= limit ? text.length : utf8.encode(text).length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ClientSource implements FileSource {
  readonly parallelReads = 4;
  private listing: { key: string; files: Promise<{ files: string[]; truncated: boolean }> } | undefined;
  private quietUntil = 0;
  private readonly sizes = new Map<string, number>();
  private total = 0;
  private told = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
    private readonly limits: Readonly<ClientLimits> = CLIENT_LIMITS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Every PBS file the client has under the workspace folders (asked once per set of folders). */
  findAll(folders: readonly string[]): Promise<{ files: string[]; truncated: boolean }> {
    const key = folders.join('\n');
    if (this.listing?.key !== key) this.listing = { key, files: this.list() };
    return this.listing.files;
  }

  /** The listed files of configuration root `root`. */
  async listRoot(root: string): Promise<readonly string[]> {
    const { files } = await (this.listing?.files ?? this.findAll([]));
    return files.filter((uri) => rootOfPath(uri) === root);
  }

  async read(uri: string): Promise<string> {
    const maxBytes = READ_LIMITS.configFile;
    let answer: unknown;
    try {
      answer = await this.ask(READ_FILE_METHOD, { uri, maxBytes });
    } catch (err) {
      throw this.failure(uri, err);
    }
    if (isRecord(answer) && typeof answer.text === 'string') {
      const bytes = utf8Bytes(answer.text, maxBytes);
      if (bytes > maxBytes) throw unreadable(uri, 'too-large', `it is more than the ${sizeWords(maxBytes)} read at most`);
      const total = this.total - (this.sizes.get(uri) ?? 0) + bytes;
      if (total > this.limits.totalBytes) {
        throw unreadable(uri, 'too-large', `the workspace's PBS files read so far take ${sizeWords(this.total)}; at most ${sizeWords(this.limits.totalBytes)} are read in all`);
      }
      this.total = total;
      this.sizes.set(uri, bytes);
      return answer.text;
    }
    const reason = isRecord(answer) && (CLIENT_READ_REASONS as readonly unknown[]).includes(answer.reason) ? (answer.reason as ClientReadReason) : undefined;
    const said = isRecord(answer) && typeof answer.error === 'string' ? escapeControls(answer.error.slice(0, MAX_ERROR_TEXT)) : undefined;
    switch (reason) {
      case 'not-found':
        throw unreadable(uri, 'ENOENT', 'no such file');
      case 'not-a-file':
        throw unreadable(uri, 'not-regular', `it is not a file${said ? ` (${said})` : ''}`);
      case 'too-large':
        throw unreadable(uri, 'too-large', `it is more than the ${sizeWords(maxBytes)} read at most`);
      case 'not-utf8':
        throw unreadable(uri, 'not-utf8', 'it is not valid UTF-8: PBS refuses to read the whole file. Re-save it as UTF-8.');
      case 'unreadable':
        throw unreadable(uri, 'unreadable', `the editor could not read it${said ? `: ${said}` : ''}`);
      default:
        throw unreadable(uri, 'unreadable', 'the editor gave neither its text nor a reason (pbs/readFile answered something else)');
    }
  }

  forgotten(uri: string): void {
    this.total -= this.sizes.get(uri) ?? 0;
    this.sizes.delete(uri);
  }

  private async list(): Promise<{ files: string[]; truncated: boolean }> {
    try {
      const answer = await this.ask(FIND_FILES_METHOD, {});
      if (!isRecord(answer) || !Array.isArray(answer.uris)) throw new Error('its answer has no list of URIs (uris)');
      const uris = answer.uris.filter((u): u is string => typeof u === 'string' && u.length <= MAX_URI_LENGTH && fileKindOfPath(u) !== undefined);
      const files = [...new Set(uris)];
      return { files: files.slice(0, this.limits.maxFiles), truncated: files.length > this.limits.maxFiles };
    } catch (err) {
      this.listing = undefined; // asked again next time
      this.tellOnce('list', `pbs-language-server: the editor did not list the workspace's PBS files (${err instanceof NoAnswer ? err.message : errorText(err)}); only the open documents are known`);
      return { files: [], truncated: false };
    }
  }

  /** A request to the client, answered within limits.answerMs or cancelled. */
  private async ask(method: string, params: object): Promise<unknown> {
    if (this.now() < this.quietUntil) throw new NoAnswer(`the editor did not answer ${method} a moment ago`);
    const cancel = new CancellationTokenSource();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.quietUntil = this.now() + this.limits.quietMs;
        cancel.cancel();
        reject(new NoAnswer(`the editor did not answer ${method} within ${this.limits.answerMs / 1000} s`));
      }, this.limits.answerMs);
    });
    try {
      return await Promise.race([this.connection.sendRequest(method, params, cancel.token), late]);
    } finally {
      clearTimeout(timer);
      cancel.dispose();
    }
  }

  private failure(uri: string, err: unknown): FileReadError {
    if (err instanceof NoAnswer) {
      this.tellOnce('answer', `pbs-language-server: ${err.message}; files not read meanwhile count as unreadable`);
      return unreadable(uri, 'timeout', err.message);
    }
    return unreadable(uri, 'unreadable', `the editor could not read it: ${errorText(err)}`);
  }

  private tellOnce(what: string, message: string): void {
    if (this.told.has(what)) return;
    this.told.add(what);
    this.log(message);
  }
}

function errorText(err: unknown): string {
  return escapeControls((err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_TEXT));
}

function unreadable(uri: string, code: string, reason: string): FileReadError {
  return new FileReadError(code, uri, `cannot read ${quotePath(uri)}: ${reason}`, reason);
}
