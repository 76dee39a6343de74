// The ids of the picture commands (service/picture-commands.ts), apart from their code so that the
// server declares them without loading it, and the VS Code client knows them without the service.
export const PICTURE_COMMAND_IDS = ['pbs.server.jobCalendar', 'pbs.server.simulatePrune'] as const;
