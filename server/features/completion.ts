// textDocument/completion: LSP glue around service/completion.ts (positions ↔ offsets, entry
// kinds ↔ CompletionItemKind, snippets only for clients that support them).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import type { CompletionKind } from '../../service/completion.ts';
import { fitsTyped } from '../../service/fuzzy.ts';
import { orLogged, throwIfCancelled, type Feature } from '../feature.ts';

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
    ctx.connection.onCompletion(async (params, token): Promise<CompletionList> => {
      const found = await ctx.fileFor(params.textDocument.uri);
      if (!found) return { isIncomplete: false, items: [] };
      throwIfCancelled(token);
      const snippets = ctx.clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
      const lines = linesOf(found.file);
      const cursor = lines.offsetAt(params.position);
      const limit = ctx.settings().limits.maxResults;
      // Too many to send (10k datastores): the service keeps the candidates that fit what is
      // typed so far, then cuts; the list is marked incomplete so the editor asks again as the
      // admin types on.
      let entries = orLogged('completion', [], () => found.loaded.engine.completionsAt(found.file, found.loaded.workspace, cursor, { maxReferences: limit }));
      throwIfCancelled(token);
      if (entries.length > limit) entries = entries.filter((e) => fitsTyped(e.label, found.file.text.slice(e.start, Math.max(e.start, cursor))));
      const capped = ctx.caps.cap(entries, limit, params.textDocument.uri, 'completion items', 'pbs.limits.maxResults');
      const items: CompletionItem[] = [];
      for (const e of capped.items) {
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
      return { isIncomplete: capped.cut, items };
    });
  },
};
