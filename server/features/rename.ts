// textDocument/prepareRename and textDocument/rename: LSP glue around service/rename.ts. Files not
// open in the editor are addressed by their file URI.
import { ResponseError, ErrorCodes } from '../lsp.ts';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { object, position, positionParams, string, textDocument } from '../params.ts';
import { documentRequest } from '../request.ts';

const renameParams = object({ textDocument, position, newName: string });

export const renameFeature: Feature = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(ctx) {
    ctx.connection.onPrepareRename(
      documentRequest(ctx, 'prepare rename', positionParams, null, (found, params) => {
        const lines = linesOf(found.file);
        const r = found.loaded.engine.prepareRename(found.file, found.loaded.workspace, lines.offsetAt(params.position));
        if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
        return { range: lines.rangeOf(r), placeholder: r.placeholder };
      }),
    );
    ctx.connection.onRenameRequest(
      documentRequest(ctx, 'rename', renameParams, null, (found, params): WorkspaceEdit | null => {
        const { engine, workspace } = found.loaded;
        const result = engine.renameAt(found.file, workspace, linesOf(found.file).offsetAt(params.position), params.newName);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        const changes: Record<string, TextEdit[]> = {};
        for (const e of result) {
          const f = workspace.get(e.path);
          if (!f) continue;
          const uri = ctx.host.uriOf(e.path);
          (changes[uri] ??= []).push({ range: linesOf(f).rangeOf(e), newText: e.newText });
        }
        return { changes };
      }),
    );
  },
};
