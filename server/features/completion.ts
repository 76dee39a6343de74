// textDocument/completion: LSP glue around service/completion.ts (positions ↔ offsets, entry
// kinds ↔ CompletionItemKind, snippets only for clients that support them).
import { CompletionItemKind, InsertTextFormat, MarkupKind } from '../lsp.ts';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { fitsTyped, linesOf } from '../../service/light.ts';
import type { CompletionKind } from '../../service/index.ts';
import type { Feature } from '../feature.ts';
import { positionParams } from '../params.ts';
import { documentRequest } from '../request.ts';

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
    const none: CompletionList = { isIncomplete: false, items: [] };
    ctx.connection.onCompletion(
      documentRequest(ctx, 'completion', positionParams, none, (found, params, scope): CompletionList => {
        const snippets = ctx.clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
        const lines = linesOf(found.file);
        const cursor = lines.offsetAt(params.position);
        const limit = ctx.settings().limits.maxResults;
        // Too many to send (10k datastores): the service keeps the candidates that fit what is
        // typed so far, then cuts; the list is marked incomplete so the editor asks again as the
        // admin types on.
        let entries = found.loaded.engine.completionsAt(found.file, found.loaded.workspace, cursor, { maxReferences: limit });
        scope.checkCancelled();
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
            textEdit: { range: lines.rangeOf(e), newText: e.insertText },
          });
        }
        return { isIncomplete: capped.cut, items };
      }, { quiet: { answer: none } }),
    );
  },
};
