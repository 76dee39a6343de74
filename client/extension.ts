// The VS Code extension: starts pbs-language-server (dist/server.js, over IPC) for PBS files,
// registers the palette commands (client/commands, one file each) and the language status item.
// Thin on purpose: UI in, core/ or the server out.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { pathToFileURL } from 'node:url';
import type { CommandRun } from './commands/index.ts';
import { CLIENT_COMMANDS, PALETTE_COMMANDS } from './command-ids.ts';
import { FILE_KINDS } from '../service/light.ts';
import { startStatus } from './status.ts';
import { vscodePrompts } from './vscode-prompts.ts';

let client: LanguageClient | undefined;

/** Server lens command → the palette command that shows its picture. */
const LENS_COMMANDS: Record<string, string> = { 'pbs.server.jobCalendar': 'pbs.showJobCalendar', 'pbs.server.simulatePrune': 'pbs.simulatePruneJob' };

/** PBS JSON files (token.shadow, tfa.json, key files, ACME accounts, …): the pbs-config language does not cover them. */
const JSON_PATTERNS = FILE_KINDS.filter((k) => k.family === 'json').flatMap((k) => k.globs);

function documentSelector(): ({ language: string } | { scheme: string; pattern: string })[] {
  const associations = vscode.workspace.getConfiguration('pbs').get<Record<string, string>>('fileAssociations') ?? {};
  return [
    { language: 'pbs-config' },
    ...JSON_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ...Object.keys(associations).map((pattern) => ({ scheme: 'file', pattern: pattern.includes('/') ? pattern : `**/${pattern}` })),
  ];
}

async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    synchronize: { configurationSection: 'pbs' },
    middleware: {
      // The server's lenses name its own commands (they answer data, for any editor); here they
      // open the palette commands, which show the pictures in a panel.
      async provideCodeLenses(document, token, next) {
        const lenses = (await next(document, token)) ?? [];
        for (const lens of lenses) {
          const palette = lens.command && LENS_COMMANDS[lens.command.command];
          if (lens.command && palette) lens.command = { ...lens.command, command: palette };
        }
        return lenses;
      },
    },
  };
  // 'pbs' makes the client read `pbs.trace.server` for its message trace
  client = new LanguageClient('pbs', 'PBS Tools', serverOptions, clientOptions);
  await client.start();
}

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
  const output = vscode.window.createOutputChannel('PBS Tools');
  context.subscriptions.push(output);
  const prompts = vscodePrompts(output);

  for (const id of PALETTE_COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        // from the explorer's context menu the argument is the file's Uri
        const args = arg instanceof vscode.Uri ? { path: arg.fsPath, keyFile: arg.fsPath } : (arg as Record<string, unknown> | undefined);
        try {
          const run = (await loadToolbox(context))[id];
          return await run(prompts, args);
        } catch (err) {
          const name = (err as Error)?.name;
          if (name === 'Cancelled' || name === 'AbortError') return undefined;
          const message = name === 'CommandError' ? (err as Error).message : `${id} failed: ${(err as Error)?.message ?? String(err)}`;
          output.appendLine(`[error] ${message}`);
          // interactive: show it; programmatic callers (args given) get the error itself
          if (args === undefined || arg instanceof vscode.Uri) void vscode.window.showErrorMessage(message);
          else throw new Error(message);
          return undefined;
        }
      }),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('pbs.restartServer', async () => {
      if (client) await client.restart();
      else await startClient(context, output);
    }),
    vscode.commands.registerCommand('pbs.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the document selector follows pbs.fileAssociations: restart to apply it
      if (e.affectsConfiguration('pbs.fileAssociations') && client) {
        await client.stop();
        await startClient(context, output);
      }
    }),
  );
  startStatus(context, documentSelector());
  await startClient(context, output);
  return { commands: [...PALETTE_COMMANDS, ...CLIENT_COMMANDS] };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
