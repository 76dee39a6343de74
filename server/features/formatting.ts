// textDocument/formatting, rangeFormatting and onTypeFormatting: LSP glue around
// service/formatting.ts.
import type { TextEdit } from 'vscode-languageserver';
import { linesOf, type LineIndex } from '../../service/light.ts';
import type { TextEditOffsets } from '../../service/index.ts';
import type { Feature } from '../feature.ts';
import { any, documentParams, object, position, range, string, textDocument } from '../params.ts';
import { documentRequest } from '../request.ts';

function toLsp(edits: TextEditOffsets[], lines: LineIndex): TextEdit[] {
  return edits.map((e) => ({ range: lines.rangeOf(e), newText: e.newText }));
}

// (the formatting options — tab size, spaces — are not read: PBS's layout is fixed)
const rangeFormattingParams = object({ textDocument, range, options: any });
const onTypeParams = object({ textDocument, position, ch: string, options: any });

export const formattingFeature: Feature = {
  capabilities: {
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
  },
  register(ctx) {
    ctx.connection.onDocumentFormatting(
      documentRequest(ctx, 'formatting', documentParams, null, (found) => toLsp(found.loaded.engine.formatFile(found.file), linesOf(found.file))),
    );
    ctx.connection.onDocumentRangeFormatting(
      documentRequest(ctx, 'range formatting', rangeFormattingParams, null, (found, params) => {
        const lines = linesOf(found.file);
        const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
        return toLsp(found.loaded.engine.formatFile(found.file, range), lines);
      }),
    );
    // Sent by the editor on Enter: a bug must not pop up an error there.
    ctx.connection.onDocumentOnTypeFormatting(
      documentRequest(ctx, 'on-type formatting', onTypeParams, null, (found, params) => {
        const lines = linesOf(found.file);
        const edit = found.loaded.engine.onTypeFormat(found.file, lines.offsetAt(params.position), params.ch);
        return edit ? toLsp([edit], lines) : [];
      }, { quiet: { answer: [] } }),
    );
  },
};
