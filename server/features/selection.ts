// textDocument/selectionRange: LSP glue around service/selection.ts.
import type { SelectionRange } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import { throwIfCancelled, type Feature } from '../feature.ts';

export const selectionFeature: Feature = {
  capabilities: { selectionRangeProvider: true },
  register(ctx) {
    ctx.connection.onSelectionRanges(async (params, token) => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      throwIfCancelled(token);
      const lines = linesOf(found.file);
      return params.positions.map((position) => {
        const spans = found.loaded.engine.selectionRangesAt(found.file, lines.offsetAt(position));
        let range: SelectionRange | undefined;
        for (const s of [...spans].reverse()) range = { range: lines.rangeOf(s.start, s.end), ...(range ? { parent: range } : {}) };
        return range ?? { range: { start: position, end: position } };
      });
    });
  },
};
