// The Web Worker server's host (browser-main.ts): no disk and no Node. A document is known by its
// URI (vscode-vfs://…, vscode-remote://…, file://… alike); the files that are not open are read
// through the client when it asks for that (initializationOptions.workspaceFiles === 'client',
// client-files.ts), otherwise the server knows only the open documents; only the toolbox commands
// on values run (those on files need a disk).
import { PORTABLE_TOOL_COMMANDS } from '../service/light.ts';
import type { ServerHost } from './host.ts';
import { ClientSource } from './client-files.ts';
import { NO_FILES, SourcedFiles } from './workspace-files.ts';

export const webHost: ServerHost = {
  pathOf: (uri) => uri,
  uriOf: (path) => path,
  searchableFolders: (uris) => [...uris],
  inside: (path, folder) => path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/'),
  isReadable: (path) => !path.startsWith('untitled:'),
  async files({ workspace, connection, initializationOptions, log }) {
    const throughClient = (initializationOptions as { workspaceFiles?: unknown } | null | undefined)?.workspaceFiles === 'client';
    return new SourcedFiles(workspace, throughClient ? new ClientSource(connection, log) : NO_FILES, log);
  },
  toolCommands: PORTABLE_TOOL_COMMANDS,
  async runToolCommand(command, args, _signal, timeZone) {
    const { runToolCommand } = await import('../service/tools.ts');
    return runToolCommand(command, args, new Date(), timeZone, PORTABLE_TOOL_COMMANDS);
  },
};
