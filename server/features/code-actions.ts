// textDocument/codeAction (quick fixes): LSP glue around service/actions.ts. The fixes are
// recomputed from the current text (not taken from the client's diagnostics, which may be a
// version behind); each names the diagnostic it fixes, so editors show it on that squiggle.
import { CodeActionKind } from '../lsp.ts';
import type { CodeAction } from 'vscode-languageserver';
import { linesOf } from '../../service/light.ts';
import type { Feature } from '../feature.ts';
import { any, array, object, optional, range, string, textDocument } from '../params.ts';
import { documentRequest } from '../request.ts';

const codeActionParams = object({ textDocument, range, context: object({ diagnostics: array(any), only: optional(array(string)) }) });

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx) {
    // Asked by the editor whenever the cursor moves (the light bulb): a bug answers no fixes.
    ctx.connection.onCodeAction(
      documentRequest(ctx, 'code actions', codeActionParams, null, (found, params): CodeAction[] | null => {
        const only = params.context.only;
        if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === '')) return [];
        const { engine, workspace } = found.loaded;
        const lines = linesOf(found.file);
        const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
        return engine.quickFixesAt(found.file, workspace, range).map((fix) => ({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [engine.toDiagnostic(fix.problem, lines)],
          isPreferred: fix.preferred,
          edit: { changes: { [params.textDocument.uri]: fix.edits.map((e) => ({ range: lines.rangeOf(e), newText: e.newText })) } },
        }));
      }, { quiet: { answer: [] } }),
    );
  },
};
