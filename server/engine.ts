// Everything the server needs that is heavy to load (the grammars, ajv and the schemas). The
// server imports this lazily, on the first document, so that `initialize` is answered fast.
export { diagnose, toDiagnostic } from '../service/diagnostics.ts';
export { quickFixesAt } from '../service/actions.ts';
export { inlayHintsIn } from '../service/inlay-hints.ts';
export { Workspace, configRootOf, type WorkspaceFile } from '../service/workspace.ts';
export { DiskFiles } from './disk-files.ts';
export { hoverAt } from '../service/hover.ts';
export { completionsAt } from '../service/completion.ts';
export { formatFile, onTypeFormat } from '../service/formatting.ts';
export { documentSymbols, foldingRanges, workspaceSymbols } from '../service/symbols.ts';
export { definitionAt, highlightsAt, referencesAt } from '../service/definition.ts';
export { prepareRename, renameAt } from '../service/rename.ts';
export { selectionRangesAt } from '../service/selection.ts';
export { fileKindOfPath } from '../schema/file-kinds.ts';
