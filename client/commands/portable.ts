// The palette commands that need neither the disk nor Node: they run in every extension host, VS
// Code for the Web's worker included. Next runs are computed here (service/tools.ts); the pictures
// come from the language server, which has the whole configuration.
import type { Prompts } from './prompts.ts';
import { showNextRuns } from './next-runs.ts';
import { showJobCalendar, simulatePruneJob } from './pictures.ts';
import { computeSha256OfEditor, type TextDigest } from './sha256-editor.ts';

export type CommandRun = (prompts: Prompts, args?: Record<string, unknown>) => Promise<unknown>;

/** The portable commands, hashing text with the host's `digest`. */
export function portableCommands(digest: TextDigest): Record<string, CommandRun> {
  return {
    'pbs.computeSha256OfEditor': (p) => computeSha256OfEditor(p, digest),
    'pbs.showNextRuns': (p, a) => showNextRuns(p, a),
    'pbs.showJobCalendar': (p, a) => showJobCalendar(p, a),
    'pbs.simulatePruneJob': (p, a) => simulatePruneJob(p, a),
  };
}
