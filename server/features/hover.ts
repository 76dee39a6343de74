// textDocument/hover: LSP glue around service/hover.ts (positions ↔ offsets, Markdown or plain
// text as the client's hover contentFormat says).
import { MarkupKind } from '../lsp.ts';
import type { Hover } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { positionParams } from '../params.ts';
import { documentRequest } from '../request.ts';

export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover(
      documentRequest(ctx, 'hover', positionParams, null, (found, params): Hover | null => {
        const formats = ctx.clientCapabilities().textDocument?.hover?.contentFormat;
        const markdown = formats === undefined || formats.includes(MarkupKind.Markdown);
        const lines = linesOf(found.file);
        const h = found.loaded.engine.hoverAt(found.file, found.loaded.workspace, lines.offsetAt(params.position), { markdown, timeZone: ctx.timeZone(), overlapWindowMinutes: ctx.settings().calendar.overlapWindowMinutes });
        if (!h) return null;
        return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents }, range: lines.rangeOf(h) };
      }, { quiet: { answer: null } }),
    );
  },
};
