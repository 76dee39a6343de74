// PBS: Show Next Runs — of the schedule under the cursor (a `schedule`, `gc-schedule`, … value in a
// PBS file) or one typed in; the same answer as the server's pbs.server.nextRuns command.
import { runToolCommand, ToolCommandError } from '../../service/tools.ts';
import { CommandError, required, type Prompts } from './prompts.ts';

export interface NextRunsArgs {
  schedule?: string;
  count?: number;
}

/** The value of a `key value` line when the key names a schedule, else undefined. */
export function scheduleOnLine(line: string): string | undefined {
  const m = /^\s+([A-Za-z0-9_-]*schedule)\s+(\S.*?)\s*$/.exec(line);
  return m ? m[2] : undefined;
}

export async function showNextRuns(prompts: Prompts, args: NextRunsArgs = {}) {
  const editor = prompts.activeEditor();
  const schedule =
    args.schedule ??
    (editor && scheduleOnLine(editor.lineText)) ??
    required(await prompts.input('Schedule (PBS calendar event)', { placeHolder: 'e.g. daily, mon..fri 02:30, *:0/15' }));
  try {
    const r = (await runToolCommand('pbs.server.nextRuns', [schedule, args.count ?? 5, null, prompts.timeZone() ?? null])) as { schedule: string; meaning: string; runs: { local: string; utc: string }[] };
    prompts.details(`Next runs of '${schedule}'`, [`runs ${r.meaning}`, ...r.runs.map((x) => `${x.local}   (${x.utc})`)]);
    prompts.show(`'${schedule}' runs ${r.meaning}. Next: ${r.runs[0]?.local ?? 'never'}`);
    return r;
  } catch (err) {
    if (err instanceof ToolCommandError) throw new CommandError(err.message);
    throw err;
  }
}
