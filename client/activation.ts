// What both entries of the VS Code extension do (client/extension.ts in the Node extension host,
// client/extension-web.ts in VS Code for the Web's worker): the output channel, the palette
// commands with their error handling, the language client's options (the document selector, the
// lens middleware, settings sync), restarting it, and the language status item. An entry adds
// only its transport to the language server and the commands its host can run.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { CommandRun } from './commands/portable.ts';
import { CLIENT_COMMANDS } from './command-ids.ts';
import { FILE_KINDS } from '../service/light.ts';
import { startStatus } from './status.ts';
import { vscodePrompts, type DocumentPath } from './vscode-prompts.ts';

/** What an entry brings: how to reach the server, and the palette commands of its host. */
export interface ClientHost {
  /** Starts the language server and a client for it; `stop` ends both. */
  startClient(options: LanguageClientOptions, output: vscode.OutputChannel): Promise<{ client: BaseLanguageClient; stop(): Promise<void> }>;
  /** The palette commands this host runs (the others stay unregistered, and hidden by their `when`). */
  commands: readonly string[];
  /** The code of command `id`, loaded on its first use. */
  loadCommand(id: string): Promise<CommandRun>;
  /** How this host's server names a document (the `path` the picture commands send). */
  pathOf: DocumentPath;
  /** The documents the server takes by file pattern are those of these URI schemes (none: any). */
  patternScheme?: string;
  /** Extra LanguageClientOptions (initializationOptions, file events). */
  clientOptions?(): Partial<LanguageClientOptions>;
}

/** Server lens command → the palette command that shows its picture. */
const LENS_COMMANDS: Record<string, string> = { 'pbs.server.jobCalendar': 'pbs.showJobCalendar', 'pbs.server.simulatePrune': 'pbs.simulatePruneJob' };

/** PBS JSON files (token.shadow, tfa.json, key files, ACME accounts, …): the pbs-config language does not cover them. */
const JSON_PATTERNS = FILE_KINDS.filter((k) => k.family === 'json').flatMap((k) => k.globs);

type Filter = { language: string } | { pattern: string; scheme?: string };

function documentSelector(scheme: string | undefined): Filter[] {
  const associations = vscode.workspace.getConfiguration('pbs').get<Record<string, string>>('fileAssociations') ?? {};
  const byPattern = (pattern: string): Filter => (scheme ? { scheme, pattern } : { pattern });
  return [
    { language: 'pbs-config' },
    ...JSON_PATTERNS.map(byPattern),
    ...Object.keys(associations).map((pattern) => byPattern(pattern.includes('/') ? pattern : `**/${pattern}`)),
  ];
}

function clientOptions(host: ClientHost, output: vscode.OutputChannel): LanguageClientOptions {
  return {
    documentSelector: documentSelector(host.patternScheme),
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
    ...host.clientOptions?.(),
  };
}

let running: { client: BaseLanguageClient; stop(): Promise<void> } | undefined;

async function stopClient(): Promise<void> {
  const r = running;
  running = undefined;
  await r?.stop();
}

/** The extension's deactivate(), for either host. */
export const deactivate = stopClient;

/** The extension's activate(), for either host. */
export async function activateWith(context: vscode.ExtensionContext, host: ClientHost): Promise<{ commands: string[] }> {
  const output = vscode.window.createOutputChannel('PBS Tools');
  context.subscriptions.push(output);
  const prompts = vscodePrompts(output, host.pathOf);

  const start = async () => {
    running = await host.startClient(clientOptions(host, output), output);
  };
  const stop = stopClient;

  for (const id of host.commands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        // from the explorer's context menu the argument is the file's Uri
        const path = arg instanceof vscode.Uri ? host.pathOf(arg) : undefined;
        const args = arg instanceof vscode.Uri ? { path, keyFile: path } : (arg as Record<string, unknown> | undefined);
        try {
          const run = await host.loadCommand(id);
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
    // a new server, not a reconnect: a Worker's client cannot start again on its old worker
    vscode.commands.registerCommand('pbs.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.commands.registerCommand('pbs.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the document selector follows pbs.fileAssociations: restart to apply it
      if (e.affectsConfiguration('pbs.fileAssociations') && running) {
        await stop();
        await start();
      }
    }),
  );
  startStatus(context, documentSelector(host.patternScheme));
  await start();
  return { commands: [...host.commands, ...CLIENT_COMMANDS] };
}
