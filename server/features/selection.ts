// textDocument/selectionRange: LSP glue around service/selection.ts.
import type { SelectionRange } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { array, object, position, textDocument } from '../params.ts';
import { documentRequest } from '../request.ts';

const selectionParams = object({ textDocument, positions: array(position, 10_000) });

export const selectionFeature: Feature = {
  capabilities: { selectionRangeProvider: true },
  register(ctx) {
    ctx.connection.onSelectionRanges(
      documentRequest(ctx, 'selection ranges', selectionParams, null, (found, params) => {
        const lines = linesOf(found.file);
        return params.positions.map((position) => {
          const spans = found.loaded.engine.selectionRangesAt(found.file, lines.offsetAt(position));
          let range: SelectionRange | undefined;
          for (const s of [...spans].reverse()) range = { range: lines.rangeOf(s), ...(range ? { parent: range } : {}) };
          return range ?? { range: { start: position, end: position } };
        });
      }),
    );
  },
};
