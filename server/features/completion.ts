// textDocument/completion: LSP glue around service/completion.ts (positions ↔ offsets, entry
// kinds ↔ CompletionItemKind, snippets only for clients that support them).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node.js';
import { linesOf } from '../../service/line-index.ts';
import type { CompletionEntry, CompletionKind } from '../../service/completion.ts';
import { throwIfCancelled, type Feature } from '../feature.ts';

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
      let entries = found.loaded.engine.completionsAt(found.file, found.loaded.workspace, cursor);
      throwIfCancelled(token);
      const limit = ctx.settings().limits.maxResults;
      // Too many to send (10k datastores): keep those that fit what is typed so far, then cut;
      // the list is marked incomplete so the editor asks again as the admin types on.
      if (entries.length > limit) entries = entries.filter((e) => fits(e, found.file.text, cursor));
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

/** Whether the entry's label contains what is typed before the cursor, in order (like editors' fuzzy filter). */
function fits(e: CompletionEntry, text: string, cursor: number): boolean {
  const typed = text.slice(e.start, Math.max(e.start, cursor)).toLowerCase();
  const label = e.label.toLowerCase();
  let i = 0;
  for (const c of typed) {
    i = label.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}
