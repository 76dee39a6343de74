// textDocument/completion: LSP glue around service/completion.ts (positions ↔ offsets, entry
// kinds ↔ CompletionItemKind, snippets only for clients that support them).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import type { CompletionKind } from '../../service/completion.ts';
import type { Feature } from '../feature.ts';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  enum: CompletionItemKind.EnumMember,
};

export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: [' ', '=', ',', ':', '\t'], resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCompletion(async (params, token): Promise<CompletionItem[]> => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found || token.isCancellationRequested) return [];
      const snippets = ctx.clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
      const lines = linesOf(found.file);
      const entries = found.loaded.engine.completionsAt(found.file, found.loaded.workspace, lines.offsetAt(params.position));
      if (token.isCancellationRequested) return [];
      const items: CompletionItem[] = [];
      for (const e of entries) {
        if (e.isSnippet && !snippets) continue;
        items.push({
          label: e.label,
          kind: KINDS[e.kind],
          detail: e.detail,
          documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
          sortText: e.sortText,
          insertTextFormat: e.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          textEdit: { range: lines.rangeOf(e.start, e.end), newText: e.insertText },
        });
      }
      return items;
    });
  },
};
