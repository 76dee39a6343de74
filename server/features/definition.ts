// textDocument/definition and textDocument/references: LSP glue around service/definition.ts.
// Targets in files not open in the editor are addressed by their file URI (read from disk).
import type { Location } from 'vscode-languageserver';
import { LineIndex, linesOf } from '../../service/light.ts';
import type { Location as OffsetLocation, Workspace } from '../../service/index.ts';
import type { Feature } from '../feature.ts';
import { boolean, object, positionParams, position, textDocument } from '../params.ts';
import { documentRequest } from '../request.ts';

const referenceParams = object({ textDocument, position, context: object({ includeDeclaration: boolean }) });

function toLsp(locations: OffsetLocation[], workspace: Workspace, uriOf: (path: string) => string): Location[] {
  const out: Location[] = [];
  for (const l of locations) {
    const f = workspace.get(l.path);
    const lines = f ? linesOf(f) : new LineIndex('');
    out.push({ uri: uriOf(l.path), range: lines.rangeOf(l) });
  }
  return out;
}

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true, referencesProvider: true },
  register(ctx) {
    ctx.connection.onDefinition(
      documentRequest(ctx, 'definition', positionParams, null, (found, params) => {
        const { engine, workspace } = found.loaded;
        const offset = linesOf(found.file).offsetAt(params.position);
        return toLsp(engine.definitionAt(found.file, workspace, offset), workspace, (p) => ctx.host.uriOf(p));
      }),
    );
    ctx.connection.onReferences(
      documentRequest(ctx, 'references', referenceParams, null, (found, params) => {
        const { engine, workspace } = found.loaded;
        const offset = linesOf(found.file).offsetAt(params.position);
        const all = engine.referencesAt(found.file, workspace, offset, params.context.includeDeclaration);
        return toLsp(ctx.caps.cap(all, ctx.settings().limits.maxResults, params.textDocument.uri, 'references', 'pbs.limits.maxResults').items, workspace, (p) => ctx.host.uriOf(p));
      }),
    );
  },
};
