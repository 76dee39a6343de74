// workspace/executeCommand: the toolbox commands of service/tool-commands.ts and the pictures of
// service/picture-commands.ts (job calendar, prune simulation) for every editor (Neovim, Helix,
// Emacs call them by id; VS Code's client registers them too). Loaded on first use: the crypto and
// certificate libraries stay out of the server's start-up. A long command (the SHA-256 of a big
// file) stops when the client cancels it, and reads in blocks between which the server keeps
// answering the editor.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PICTURE_COMMAND_IDS, TOOL_COMMANDS } from '../../service/light.ts';
import type { FeatureContext, Feature } from '../feature.ts';
import { any, array, object, optional, string } from '../params.ts';
import { request } from '../request.ts';

const executeCommandParams = object({ command: string, arguments: optional(array(any, 100)) });

/** The workspace file a picture command is about (open or read from disk, with its configuration root). */
async function pictureFile(ctx: FeatureContext, command: string, args: unknown[]) {
  const { fileArg, PictureCommandError } = await import('../../service/index.ts');
  const raw = (args[0] as { path?: unknown } | undefined)?.path;
  let path = raw;
  if (typeof raw === 'string' && raw.startsWith('file:')) {
    try {
      path = fileURLToPath(raw);
    } catch {
      throw new PictureCommandError(`${command}: path ${JSON.stringify(raw)} is not a file URI of this machine`);
    }
  }
  if (typeof path === 'string' && path.startsWith('/')) {
    const open = await ctx.fileFor(pathToFileURL(path).href);
    if (open) return { loaded: open.loaded, file: open.file };
    const loaded = await ctx.load();
    await loaded.disk.reload(path);
    const file = loaded.workspace.get(path);
    if (file) {
      await loaded.disk.loadRoot(loaded.engine.configRootOf(path, file.kind) || dirname(path), (p) => ctx.documents.get(pathToFileURL(p).href) !== undefined);
      return { loaded, file };
    }
  }
  const loaded = await ctx.load();
  return { loaded, file: fileArg(command, loaded.workspace, path) };
}

export const commandsFeature: Feature = {
  capabilities: { executeCommandProvider: { commands: [...TOOL_COMMANDS, ...PICTURE_COMMAND_IDS] } },
  register(ctx) {
    ctx.connection.onExecuteCommand(
      request('workspace/executeCommand', executeCommandParams, async (params, scope) => {
        const args = params.arguments ?? [];
        if ((PICTURE_COMMAND_IDS as readonly string[]).includes(params.command)) {
          const pictures = await import('../../service/index.ts');
          try {
            const { loaded, file } = await pictureFile(ctx, params.command, args);
            scope.checkCancelled();
            const defaults = { timeZone: ctx.timeZone(), windowMinutes: ctx.settings().calendar.overlapWindowMinutes };
            return params.command === 'pbs.server.jobCalendar' ? pictures.jobCalendarCommand(loaded.workspace, file, args, new Date(), defaults) : pictures.simulatePruneCommand(file, args, new Date(), defaults);
          } catch (err) {
            if (err instanceof pictures.PictureCommandError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
            throw err;
          }
        }
        const { runToolCommand, ToolCommandError } = await import('../../service/tools.ts');
        scope.checkCancelled();
        try {
          return await runToolCommand(params.command, args, new Date(), scope.signal, ctx.timeZone());
        } catch (err) {
          // the arguments name something that is not what the command needs: InvalidParams
          if (err instanceof ToolCommandError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
          throw err;
        }
      }),
    );
  },
};
