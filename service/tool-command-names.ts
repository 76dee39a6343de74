// The ids of the toolbox commands (service/tool-commands.ts), apart from their code so that the
// server can declare them in its capabilities without loading the crypto libraries at start-up.
// A contract with the VS Code client, which must not register palette commands under these ids.
export const TOOL_COMMANDS = ['pbs.server.sha256', 'pbs.server.keyInfo', 'pbs.server.certInfo', 'pbs.server.nextRuns'] as const;
export type ToolCommand = (typeof TOOL_COMMANDS)[number];
