// The Node server's host (main.ts): documents with `file:` URIs are known by their path, the
// files beside them and under the workspace folders are read from disk (disk-files.ts), and every
// toolbox command runs, those on files (file-commands.ts) too.
import { isAbsolute, sep } from 'node:path';
import { pathOfUri, uriOfPath } from '../core/fs/file-uri.ts';
import { FILE_TOOL_COMMANDS, TOOL_COMMANDS } from '../service/light.ts';
import type { ServerHost } from './host.ts';

export const nodeHost: ServerHost = {
  pathOf: pathOfUri,
  uriOf: uriOfPath,
  // only `file:` folders can be searched on disk
  searchableFolders: (uris) => uris.filter((u) => u.startsWith('file:')).map(pathOfUri).filter((p) => p.startsWith('/')),
  inside: (path, folder) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep),
  isReadable: (path) => isAbsolute(path),
  async files({ workspace, log }) {
    const { DiskFiles } = await import('./disk-files.ts');
    return new DiskFiles(workspace, log);
  },
  toolCommands: TOOL_COMMANDS,
  async runToolCommand(command, args, signal, timeZone) {
    if ((FILE_TOOL_COMMANDS as readonly string[]).includes(command)) {
      const { runFileCommand } = await import('./file-commands.ts');
      return runFileCommand(command, args, new Date(), signal);
    }
    const { runToolCommand } = await import('../service/tools.ts');
    return runToolCommand(command, args, new Date(), timeZone, TOOL_COMMANDS);
  },
};
