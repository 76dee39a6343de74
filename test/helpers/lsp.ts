// A minimal LSP client for tests: spawns the built server as `pbs-language-server --stdio` starts it
// (dist/language-server.cjs, package.json's bin) and talks JSON-RPC to it over its stdin/stdout,
// like Neovim or Helix would. VS Code's entry, dist/server.js, is ESM_SERVER_PATH.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_PATH = fileURLToPath(new URL('../../dist/language-server.cjs', import.meta.url));
/** The entry VS Code's extension runs over IPC (client/extension.ts). */
export const ESM_SERVER_PATH = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** What the server answered to initialize. */
  initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
  /** Resolves with the next publishDiagnostics for `uri` matching `predicate`. */
  nextDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  /** shutdown + exit; resolves when the server process has ended. */
  close(): Promise<void>;
  /** Resolves with the server's exit code when its process ends. */
  exited: Promise<number | null>;
}

export interface ClientOptions {
  pull?: boolean;
  initializationOptions?: unknown;
  capabilities?: Record<string, unknown>;
  /** Answers workspace/configuration for section 'pbs' (and says the client can); read at each request. */
  configuration?: () => unknown;
  /** Receives window/showMessage notifications. */
  onShowMessage?: (p: { type: number; message: string }) => void;
  /** Folder paths sent as the workspace folders. */
  workspaceFolders?: string[];
  /** Node options before the server script, e.g. `['--import', USAGE_PRELOAD]` to measure its memory. */
  nodeArgs?: string[];
  /** The server's environment (default: the test's own). */
  env?: NodeJS.ProcessEnv;
  /** The entry to run (default: SERVER_PATH, the bin). */
  serverPath?: string;
}

export async function startClient(options: ClientOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath ?? SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const latest = new Map<string, PublishDiagnosticsParams>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && w.predicate(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.configuration?.() ?? null));
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => options.onShowMessage?.(p));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders?.map((f) => ({ uri: pathToFileURL(f).href, name: f })) ?? null,
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        publishDiagnostics: { relatedInformation: true },
      },
      workspace: {
        diagnostics: { refreshSupport: true },
        didChangeWatchedFiles: { dynamicRegistration: false },
        ...(options.configuration ? { configuration: true } : {}),
      },
      ...(options.capabilities ?? {}),
    },
    initializationOptions: options.initializationOptions,
  })) as TestClient['initializeResult'];
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    exited,
    stderr: () => stderr,
    initializeResult,
    nextDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({
          uri,
          predicate,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    async open(uri, text, languageId = 'pbs-config') {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    async close() {
      try {
        // (a server that does not answer shutdown within 2 s is killed below)
        let wait: NodeJS.Timeout | undefined;
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => (wait = setTimeout(resolve, 2000)))]);
        clearTimeout(wait);
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      const t = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(t);
    },
  };
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}
