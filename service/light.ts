// The part of the contract that loads nothing heavy: no parser, no ajv, no schema, no crypto.
// A front may import it on a start-up path (the server before its first document, the VS Code
// extension's activation). index.ts re-exports all of it.
export type { OffsetRange } from '../core/offset-range.ts';
export { LineIndex, linesOf, type Position, type Range } from './line-index.ts';
export { fitsTyped } from './fuzzy.ts';
export { FILE_KINDS, KIND_GLOBS, MAX_WORKSPACE_FILES, SKIPPED_FOLDERS, WORKSPACE_EXCLUDE_GLOB, configRootOf, fileKindByName, fileKindOfPath, type FileFamily, type FileKind } from '../schema/file-kinds.ts';
export { FILE_TOOL_COMMANDS, PORTABLE_TOOL_COMMANDS, TOOL_COMMANDS, type ToolCommand } from './tool-command-names.ts';
export { PICTURE_COMMAND_IDS } from './picture-command-names.ts';
export type { DiagnosticCode, Problem, Severity } from '../schema/problem.ts';
export { unreadableFileProblem } from './unreadable.ts';
export { invalidUtf8Problem } from './encoding.ts';
