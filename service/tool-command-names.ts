// The ids of the toolbox commands, apart from their code so that the server can declare them in
// its capabilities without loading the crypto libraries at start-up. A contract with the VS Code
// client, which must not register palette commands under these ids.
/** Commands on values alone (service/tool-commands.ts): every server has them, the Web Worker's too. */
export const PORTABLE_TOOL_COMMANDS = ['pbs.server.nextRuns'] as const;
/** Commands that read a file from disk (server/file-commands.ts): the Node server only. */
export const FILE_TOOL_COMMANDS = ['pbs.server.sha256', 'pbs.server.keyInfo', 'pbs.server.certInfo'] as const;
export const TOOL_COMMANDS = [...FILE_TOOL_COMMANDS, ...PORTABLE_TOOL_COMMANDS] as const;
export type ToolCommand = (typeof TOOL_COMMANDS)[number];
