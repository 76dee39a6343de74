// The subcommands of `pbs-tools`, each loaded only when it runs (so `key test` never loads the
// config parser). Add a command here with one line; its module exports `run: Subcommand`.
import type { Subcommand } from './io.ts';

export interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Subcommand }>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  lint: { summary: 'check PBS configuration files (text, json or sarif output)', load: () => import('./lint.ts') },
};
