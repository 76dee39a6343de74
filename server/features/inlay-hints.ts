// textDocument/inlayHint: LSP glue around service/inlay-hints.ts. Off unless
// `pbs.inlayHints.enable` is set (the capability is static; the answer is empty when off).
import { InlayHintKind } from '../lsp.ts';
import type { InlayHint } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { rangeParams } from '../params.ts';
import { documentRequest } from '../request.ts';

export const inlayHintsFeature: Feature = {
  capabilities: { inlayHintProvider: true },
  register(ctx) {
    ctx.connection.languages.inlayHint.on(
      documentRequest(ctx, 'inlay hints', rangeParams, null, (found, params): InlayHint[] | null => {
        if (!ctx.settings().inlayHints.enable) return [];
        const lines = linesOf(found.file);
        const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
        return found.loaded.engine.inlayHintsIn(found.file, range, { timeZone: ctx.timeZone() }).map((h) => ({
          position: lines.positionAt(h.offset),
          label: h.label,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          ...(h.tooltip ? { tooltip: h.tooltip } : {}),
        }));
      }, { quiet: { answer: [] } }),
    );
  },
};
