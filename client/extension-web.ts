// The VS Code extension in VS Code for the Web's extension worker (vscode.dev, github.dev,
// code-server's web worker host): the language server is dist/web/server.js in a Web Worker, and
// reads the workspace's other files through this client (client/workspace-files.ts). Only the
// portable palette commands are registered; the disk ones are hidden here by their `when`
// clauses (package.json). The rest is client/activation.ts, shared with the Node entry.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser.js';
import { sha256Subtle } from '../core/crypto/sha256-subtle.ts';
import { portableCommands } from './commands/portable.ts';
import { PORTABLE_PALETTE_COMMANDS } from './command-ids.ts';
import { activateWith, deactivate } from './activation.ts';
import { serveWorkspaceFiles } from './workspace-files.ts';

export { deactivate };

/** The browser's Worker; the project's TypeScript lib is Node's, which has none. */
interface WebWorker {
  terminate(): void;
}
type WorkerConstructor = new (url: string) => WebWorker;

/**
 * The server's Worker. From its URL first (vscode.dev serves the extension over https); a
 * `vscode-remote:` extension (code-server) cannot start a Worker from its URL, so then from the
 * bytes, read through the workbench, as a blob URL.
 */
async function startWorker(serverUri: vscode.Uri, output: vscode.OutputChannel): Promise<{ worker: WebWorker; blobUrl?: string }> {
  const Worker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  try {
    return { worker: new Worker(serverUri.toString(true)) };
  } catch (err) {
    output.appendLine(`[info] the server's Worker cannot start from ${serverUri.scheme}: (${(err as Error)?.message ?? err}); starting it from its bytes`);
    const bytes = await vscode.workspace.fs.readFile(serverUri);
    const blobUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/javascript' }));
    return { worker: new Worker(blobUrl), blobUrl };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<{ commands: string[] }> {
  const commands = portableCommands(sha256Subtle);
  return activateWith(context, {
    commands: PORTABLE_PALETTE_COMMANDS,
    loadCommand: (id) => Promise.resolve(commands[id]),
    // the Web Worker server knows documents by their URIs
    pathOf: (uri) => uri.toString(),
    // the server asks for the workspace's files (pbs/findFiles, pbs/readFile); it hears of their
    // changes through the file watchers it registers itself (didChangeWatchedFiles), as the Node server does
    clientOptions: () => ({ initializationOptions: { workspaceFiles: 'client' } }),
    async startClient(clientOptions, output) {
      const { worker, blobUrl } = await startWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js'), output);
      // (the browser client's type names the DOM's Worker, which this project's lib does not declare)
      const client = new LanguageClient('pbs', 'PBS Tools', clientOptions, worker as ConstructorParameters<typeof LanguageClient>[3]);
      const handlers = serveWorkspaceFiles(client);
      output.appendLine(`[info] PBS Tools in VS Code for the Web: language server in a Web Worker (${vscode.env.appName}, ${typeof process === 'undefined' ? 'no Node' : 'Node'})`);
      await client.start();
      return {
        client,
        async stop() {
          try {
            await client.stop();
          } finally {
            for (const h of handlers) h.dispose();
            worker.terminate();
            if (blobUrl) URL.revokeObjectURL(blobUrl);
          }
        },
      };
    },
  });
}
