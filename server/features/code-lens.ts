// textDocument/codeLens: LSP glue around service/code-lenses.ts (job calendar and prune simulation
// over each job section). Every editor can run them through workspace/executeCommand; VS Code's
// client maps them to its palette commands, which show the pictures.
import type { CodeLens } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { documentParams } from '../params.ts';
import { documentRequest } from '../request.ts';

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens(
      documentRequest(ctx, 'code lenses', documentParams, null, (found): CodeLens[] => {
        const lines = linesOf(found.file);
        return found.loaded.engine.codeLensesIn(found.file, ctx.settings().limits.maxResults).map((l) => ({
          range: lines.rangeOf(l),
          command: { title: l.title, command: l.command, arguments: l.args },
        }));
      }, { quiet: { answer: [] } }),
    );
  },
};
