// The VS Code extension in a Node extension host (desktop VS Code, code-server, a remote): starts
// pbs-language-server (dist/server.js, over IPC) and runs every palette command, the disk ones
// included. The rest is client/activation.ts, shared with the web entry (client/extension-web.ts).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node.js';
import { pathToFileURL } from 'node:url';
import type { CommandRun } from './commands/index.ts';
import { NODE_HOST_CONTEXT, PALETTE_COMMANDS } from './command-ids.ts';
import { activateWith, deactivate } from './activation.ts';
import { filePath } from './vscode-prompts.ts';
import { SERVER_NODE_FLAGS } from '../core/server-node-flags.ts';

export { deactivate };

/**
 * The commands' code (core/ crypto, certificates, zstd) is dist/toolbox.js, an ES module shared
 * with the CLI's chunks and loaded on a command's first use: activation stays light.
 */
let toolbox: Promise<Record<string, CommandRun>> | undefined;
function loadToolbox(context: vscode.ExtensionContext): Promise<Record<string, CommandRun>> {
  toolbox ??= (import(pathToFileURL(context.asAbsolutePath('dist/toolbox.js')).href) as Promise<{ TOOL_PALETTE_COMMANDS: Record<string, CommandRun> }>).then(
    (m) => m.TOOL_PALETTE_COMMANDS,
  );
  return toolbox;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ commands: string[] }> {
  // shows the disk commands in the palette of a browser workbench too (code-server): this host has the disk
  void vscode.commands.executeCommand('setContext', NODE_HOST_CONTEXT, true);
  return activateWith(context, {
    commands: PALETTE_COMMANDS,
    loadCommand: async (id) => (await loadToolbox(context))[id],
    pathOf: filePath,
    patternScheme: 'file',
    async startClient(clientOptions) {
      // dist/server.js, not the bin (dist/language-server.cjs): the bin's code cache is made by the Node
      // that built it, and Electron's V8 would reject it and compile the whole bundle (README, Benchmarks)
      const module = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
      };
      // 'pbs' makes the client read `pbs.trace.server` for its message trace
      const client = new LanguageClient('pbs', 'PBS Tools', serverOptions, clientOptions);
      await client.start();
      return { client, stop: () => client.stop() };
    },
  });
}
