// PBS: Show Job Calendar and PBS: Simulate Prune Job — the server computes (it has every file of
// the configuration, the editor's unsaved text included) and answers with the data and an SVG;
// the command shows them in a webview. The same server commands serve every other editor.
import { CommandError, required, type Prompts } from './prompts.ts';

import { PICTURE_COMMAND_IDS } from '../../service/light.ts';

const [SERVER_JOB_CALENDAR, SERVER_SIMULATE_PRUNE] = PICTURE_COMMAND_IDS;

export interface CalendarArgs {
  /** A file of the configuration (or its folder); default: the active editor's file. */
  path?: string;
  days?: number;
  /** Default: the server's pbs.calendar.overlapWindowMinutes. */
  windowMinutes?: number;
}

export interface PruneArgs {
  /** prune.cfg; default: the active editor's file. */
  path?: string;
  /** The prune job's id; default: the section under the cursor, or a pick. */
  id?: string;
}

interface PictureAnswer {
  title: string;
  svg: string;
  /** A few lines for the output channel. */
  summary: string[];
}

function pathOf(prompts: Prompts, given: string | undefined, what: string): string {
  const path = given ?? prompts.activeEditor()?.path;
  if (!path) throw new CommandError(`open a PBS configuration file (${what}) first, or give its path`);
  return path;
}

export async function showJobCalendar(prompts: Prompts, args: CalendarArgs = {}) {
  const path = pathOf(prompts, args.path, 'datastore.cfg, prune.cfg, sync.cfg, …');
  const answer = (await prompts.serverCommand(SERVER_JOB_CALENDAR, [{ path, days: args.days ?? 7, ...(args.windowMinutes === undefined ? {} : { windowMinutes: args.windowMinutes }) }])) as PictureAnswer;
  prompts.details(answer.title, answer.summary);
  prompts.webview('pbs.jobCalendar', answer.title, answer.svg);
  return answer;
}

/** The id of the `prune: ID` section the cursor is in, from the editor's text. */
export function pruneJobAtCursor(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^prune:\s*(\S+)\s*$/.exec(lines[i].replace(/\r$/, ''));
    if (m) return m[1];
    if (lines[i].trim() === '') return undefined; // a blank line ends a section
  }
  return undefined;
}

export async function simulatePruneJob(prompts: Prompts, args: PruneArgs = {}) {
  const editor = prompts.activeEditor();
  const path = pathOf(prompts, args.path, 'prune.cfg');
  let id = args.id ?? (editor && editor.path === path ? pruneJobAtCursor(editor.text, editor.line) : undefined);
  if (id === undefined) {
    const ids = [...(editor?.path === path ? editor.text : '').matchAll(/^prune:\s*(\S+)/gm)].map((m) => m[1]);
    if (ids.length === 0) throw new CommandError("no prune job to simulate: put the cursor in a 'prune: ID' section of prune.cfg, or give its id");
    id = required(await prompts.pick('Prune job to simulate', ids.map((label) => ({ label }))));
  }
  const answer = (await prompts.serverCommand(SERVER_SIMULATE_PRUNE, [{ path, id }])) as PictureAnswer;
  prompts.details(answer.title, answer.summary);
  prompts.webview('pbs.pruneSimulation', answer.title, answer.svg);
  return answer;
}
