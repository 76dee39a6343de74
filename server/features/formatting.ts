// textDocument/formatting, rangeFormatting and onTypeFormatting: LSP glue around
// service/formatting.ts.
import type { TextEdit } from 'vscode-languageserver/node.js';
import { linesOf, type LineIndex } from '../../service/line-index.ts';
import type { TextEditOffsets } from '../../service/formatting.ts';
import { throwIfCancelled, type Feature } from '../feature.ts';

function toLsp(edits: TextEditOffsets[], lines: LineIndex): TextEdit[] {
  return edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText }));
}

export const formattingFeature: Feature = {
  capabilities: {
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
  },
  register(ctx) {
    ctx.connection.onDocumentFormatting(async (params, token) => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      throwIfCancelled(token);
      const lines = linesOf(found.file);
      return toLsp(found.loaded.engine.formatFile(found.file), lines);
    });
    ctx.connection.onDocumentRangeFormatting(async (params, token) => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      throwIfCancelled(token);
      const lines = linesOf(found.file);
      const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      return toLsp(found.loaded.engine.formatFile(found.file, range), lines);
    });
    ctx.connection.onDocumentOnTypeFormatting(async (params) => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      const lines = linesOf(found.file);
      const edit = found.loaded.engine.onTypeFormat(found.file, lines.offsetAt(params.position), params.ch);
      return edit ? toLsp([edit], lines) : [];
    });
  },
};
