// workspace/executeCommand: the toolbox commands the host runs (ServerHost.runToolCommand: on
// values everywhere, on files on Node only) and the pictures of service/picture-commands.ts (job
// calendar, prune simulation) for every editor (Neovim, Helix, Emacs call them by id; VS Code's
// client registers them too). Loaded on first use: the crypto and certificate libraries stay out
// of the server's start-up. A long command (the SHA-256 of a big file) stops when the client
// cancels it, and reads in blocks between which the server keeps answering the editor.
import { ErrorCodes, ResponseError } from '../lsp.ts';
import { PICTURE_COMMAND_IDS } from '../../service/light.ts';
import type { FeatureContext, Feature } from '../feature.ts';
import { any, array, object, optional, string } from '../params.ts';
import { request } from '../request.ts';

const executeCommandParams = object({ command: string, arguments: optional(array(any, 100)) });

/** `scheme:…`: a URI, not a path. */
const URI = /^[a-z][a-z0-9+.-]*:/i;

/** The workspace file a picture command is about (open or read, with its configuration root). */
async function pictureFile(ctx: FeatureContext, command: string, args: unknown[]) {
  const { fileArg } = await import('../../service/index.ts');
  const raw = (args[0] as { path?: unknown } | undefined)?.path;
  const path = typeof raw === 'string' && URI.test(raw) ? ctx.host.pathOf(raw) : raw;
  if (typeof path === 'string' && ctx.host.isReadable(path)) {
    const open = await ctx.fileFor(ctx.host.uriOf(path));
    if (open) return { loaded: open.loaded, file: open.file };
    const loaded = await ctx.load();
    await loaded.files.reload(path);
    const file = loaded.workspace.get(path);
    if (file) {
      // (a file at the top of the tree: its root is '/')
      await loaded.files.loadRoot(loaded.engine.configRootOf(path, file.kind) || '/', (p) => ctx.documents.get(ctx.host.uriOf(p)) !== undefined);
      return { loaded, file };
    }
  }
  const loaded = await ctx.load();
  return { loaded, file: fileArg(command, loaded.workspace, path) };
}

export const commandsFeature: Feature = {
  capabilities: (host) => ({ executeCommandProvider: { commands: [...host.toolCommands, ...PICTURE_COMMAND_IDS] } }),
  register(ctx) {
    ctx.connection.onExecuteCommand(
      request('workspace/executeCommand', executeCommandParams, async (params, scope) => {
        const args = params.arguments ?? [];
        if ((PICTURE_COMMAND_IDS as readonly string[]).includes(params.command)) {
          const pictures = await import('../../service/index.ts');
          try {
            const { loaded, file } = await scope.untilCancelled(pictureFile(ctx, params.command, args));
            const defaults = { timeZone: ctx.timeZone(), windowMinutes: ctx.settings().calendar.overlapWindowMinutes };
            return params.command === 'pbs.server.jobCalendar' ? pictures.jobCalendarCommand(loaded.workspace, file, args, new Date(), defaults) : pictures.simulatePruneCommand(file, args, new Date(), defaults);
          } catch (err) {
            if (err instanceof pictures.PictureCommandError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
            throw err;
          }
        }
        const { ToolCommandError } = await import('../../service/tools.ts');
        scope.checkCancelled();
        try {
          return await ctx.host.runToolCommand(params.command, args, scope.signal, ctx.timeZone());
        } catch (err) {
          // the arguments name something that is not what the command needs: InvalidParams
          if (err instanceof ToolCommandError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
          throw err;
        }
      }),
    );
  },
};
