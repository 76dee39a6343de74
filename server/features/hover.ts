// textDocument/hover: LSP glue around service/hover.ts (positions ↔ offsets, Markdown or plain
// text as the client's hover contentFormat says).
import { MarkupKind, type Hover } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import { orLogged, throwIfCancelled, type Feature } from '../feature.ts';

export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover(async (params, token): Promise<Hover | null> => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return null;
      throwIfCancelled(token);
      const formats = ctx.clientCapabilities().textDocument?.hover?.contentFormat;
      const markdown = formats === undefined || formats.includes(MarkupKind.Markdown);
      const lines = linesOf(found.file);
      const offset = lines.offsetAt(params.position);
      const h = orLogged('hover', undefined, () => found.loaded.engine.hoverAt(found.file, found.loaded.workspace, offset, { markdown }));
      if (!h) return null;
      return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents }, range: lines.rangeOf(h.start, h.end) };
    });
  },
};
