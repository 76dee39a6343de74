// workspace/symbol and textDocument/documentHighlight: LSP glue around service/symbols.ts and
// service/definition.ts.
import { DocumentHighlightKind, SymbolKind } from '../lsp.ts';
import type { SymbolInformation } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { object, positionParams, string } from '../params.ts';
import { documentRequest, request } from '../request.ts';

const workspaceSymbolParams = object({ query: string });

export const workspaceSymbolsFeature: Feature = {
  capabilities: { workspaceSymbolProvider: true, documentHighlightProvider: true },
  register(ctx) {
    ctx.connection.onWorkspaceSymbol(
      request('workspace symbols', workspaceSymbolParams, async (params, scope): Promise<SymbolInformation[]> => {
        const { engine, workspace } = await ctx.load();
        // The editor's current text of every open document first (a request may overtake didOpen's handling).
        for (const doc of ctx.documents.all()) {
          await ctx.fileFor(doc.uri);
          scope.checkCancelled();
        }
        const found = ctx.caps.cap(engine.workspaceSymbols(workspace, params.query), ctx.settings().limits.maxResults, 'workspace', 'workspace symbols', 'pbs.limits.maxResults');
        return found.items.flatMap((s) => {
          const file = workspace.get(s.path);
          if (!file) return [];
          return [{
            name: s.name,
            containerName: s.detail,
            kind: SymbolKind.Object,
            location: { uri: ctx.host.uriOf(s.path), range: linesOf(file).rangeOf(s) },
          }];
        });
      }),
    );
    // Asked by the editor whenever the cursor moves: a bug answers no highlights.
    ctx.connection.onDocumentHighlight(
      documentRequest(ctx, 'document highlights', positionParams, null, (found, params) => {
        const lines = linesOf(found.file);
        const all = found.loaded.engine.highlightsAt(found.file, found.loaded.workspace, lines.offsetAt(params.position));
        return ctx.caps.cap(all, ctx.settings().limits.maxResults, params.textDocument.uri, 'highlights', 'pbs.limits.maxResults').items.map((h) => ({
          range: lines.rangeOf(h),
          kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
        }));
      }, { quiet: { answer: [] } }),
    );
  },
};
