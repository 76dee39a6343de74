// textDocument/inlayHint: LSP glue around service/inlay-hints.ts. Off unless
// `pbs.inlayHints.enable` is set (the capability is static; the answer is empty when off).
import { InlayHintKind, type InlayHint } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import { throwIfCancelled, type Feature } from '../feature.ts';

export const inlayHintsFeature: Feature = {
  capabilities: { inlayHintProvider: true },
  register(ctx) {
    ctx.connection.languages.inlayHint.on(async (params, token): Promise<InlayHint[] | null> => {
      if (!ctx.settings().inlayHints.enable) return [];
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      throwIfCancelled(token);
      const lines = linesOf(found.file);
      const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      return found.loaded.engine.inlayHintsIn(found.file, range).map((h) => ({
        position: lines.positionAt(h.offset),
        label: h.label,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        ...(h.tooltip ? { tooltip: h.tooltip } : {}),
      }));
    });
  },
};
