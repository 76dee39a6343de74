// textDocument/documentSymbol and foldingRange: LSP glue around service/symbols.ts.
import { FoldingRangeKind, SymbolKind } from '../lsp.ts';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import { linesOf, type LineIndex } from '../../service/light.ts';
import type { OutlineSymbol, SymbolKind as OutlineKind } from '../../service/index.ts';
import type { Feature } from '../feature.ts';
import { documentParams } from '../params.ts';
import { documentRequest } from '../request.ts';

const KINDS: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Object,
  property: SymbolKind.Property,
  path: SymbolKind.Namespace,
  entry: SymbolKind.Key,
  setting: SymbolKind.Property,
};

function toLsp(s: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KINDS[s.kind],
    range: lines.rangeOf(s),
    selectionRange: lines.rangeOf({ start: s.selectionStart, end: s.selectionEnd }),
    children: s.children.map((c) => toLsp(c, lines)),
  };
}

export const symbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: true, foldingRangeProvider: true },
  register(ctx) {
    // Both are asked by the editor on its own (outline view, folding gutter): a bug answers nothing.
    ctx.connection.onDocumentSymbol(
      documentRequest(ctx, 'document symbols', documentParams, null, (found, params) => {
        const lines = linesOf(found.file);
        const symbols = ctx.caps.cap(found.loaded.engine.documentSymbols(found.file), ctx.settings().limits.maxResults, params.textDocument.uri, 'outline entries', 'pbs.limits.maxResults');
        return symbols.items.map((s) => toLsp(s, lines));
      }, { quiet: { answer: [] } }),
    );
    ctx.connection.onFoldingRanges(
      documentRequest(ctx, 'folding ranges', documentParams, null, (found): FoldingRange[] | null => {
        const lines = linesOf(found.file);
        return found.loaded.engine
          .foldingRanges(found.file)
          .map((f) => ({ startLine: lines.positionAt(f.start).line, endLine: lines.positionAt(f.end).line, ...(f.kind ? { kind: FoldingRangeKind.Comment } : {}) }))
          .filter((f) => f.endLine > f.startLine);
      }, { quiet: { answer: [] } }),
    );
  },
};
