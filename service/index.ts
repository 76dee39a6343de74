// The language service's contract, on one screen: every capability the fronts (server/,
// client/, cli/) use, as plain functions over offsets and a workspace. The fronts import this
// file, ./light.ts (start-up safe), ./tools.ts (value grammars, tool commands) or ./jobs.ts (the
// job calendar), and core/; never a service, grammar or schema file directly (eslint.config.js
// enforces it).
// Loading this file loads the grammars, ajv and the schemas: the server imports it lazily.
export * from './light.ts';
export * from './tools.ts';
export * from './jobs.ts';

// documents and the workspace
export { Workspace, configRootOf, type WorkspaceFile } from './workspace.ts';
// diagnostics and quick fixes
export { DIAGNOSTIC_SOURCE, diagnose, toDiagnostic, type DiagnoseOptions } from './diagnostics.ts';
export { quickFixesAt, type QuickFix } from './actions.ts';
// hover, completion, inlay hints, code lenses
export { hoverAt, type HoverOptions, type HoverResult } from './hover.ts';
export { completionsAt, type CompletionEntry, type CompletionKind, type CompletionOptions } from './completion.ts';
export { inlayHintsIn, type InlayHintOffsets, type InlayHintOptions } from './inlay-hints.ts';
export { codeLensesIn, type CodeLensItem } from './code-lenses.ts';
// formatting, symbols, navigation, rename, selection
export { formatFile, onTypeFormat, type TextEditOffsets } from './formatting.ts';
export { documentSymbols, foldingRanges, workspaceSymbols, type FoldRange, type OutlineSymbol, type SymbolKind, type WorkspaceSymbol } from './symbols.ts';
export { definitionAt, highlightsAt, referencesAt, type Highlight, type Location } from './definition.ts';
export { prepareRename, renameAt, type PrepareResult, type RenameEdit } from './rename.ts';
export { selectionRangesAt } from './selection.ts';
// job calendar, prune simulation and their pictures
export { keepOptionsOf, scheduledJobs } from './job-calendar.ts';
export { fileArg, jobCalendarCommand, PictureCommandError, simulatePruneCommand, type PictureAnswer } from './picture-commands.ts';
