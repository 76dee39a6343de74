// workspace/executeCommand: the toolbox commands of service/tool-commands.ts for every editor
// (Neovim, Helix, Emacs call them by id; VS Code's client registers them too). Loaded on first use:
// the crypto and certificate libraries stay out of the server's start-up.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
import { TOOL_COMMANDS } from '../../service/tool-command-names.ts';
import { throwIfCancelled, type Feature } from '../feature.ts';

export const commandsFeature: Feature = {
  capabilities: { executeCommandProvider: { commands: [...TOOL_COMMANDS] } },
  register(ctx) {
    ctx.connection.onExecuteCommand(async (params, token) => {
      const { runToolCommand, ToolCommandError } = await import('../../service/tool-commands.ts');
      throwIfCancelled(token);
      try {
        return await runToolCommand(params.command, params.arguments ?? []);
      } catch (err) {
        if (err instanceof ToolCommandError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
        throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${(err as Error).message}`);
      }
    });
  },
};
