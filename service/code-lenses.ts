// Code lenses over the jobs of a configuration: "Job calendar" on every scheduled job and "Simulate
// prune" on every prune job, as commands of the picture service (service/picture-commands.ts).
// The VS Code client turns them into its palette commands, which show the pictures in a panel.
import { jobsOfFile } from './job-calendar.ts';
import { PICTURE_COMMAND_IDS } from './picture-command-names.ts';
import type { WorkspaceFile } from './workspace.ts';
import type { OffsetRange } from '../core/offset-range.ts';

/** The range is the section header the lens stands over. */
export interface CodeLensItem extends OffsetRange {
  title: string;
  command: string;
  args: unknown[];
}

const [JOB_CALENDAR, SIMULATE_PRUNE] = PICTURE_COMMAND_IDS;

/** The lenses of one file: one per job section (at most `max`). */
export function codeLensesIn(file: WorkspaceFile, max: number): CodeLensItem[] {
  if (file.parsed.family !== 'section-config') return [];
  const jobs = jobsOfFile(file);
  if (jobs.length === 0) return [];
  const out: CodeLensItem[] = [];
  for (const section of file.parsed.ast.sections) {
    if (out.length >= max) break;
    const job = jobs.find((j) => j.start >= section.start && j.end <= section.end);
    if (!job) continue;
    const at = { start: section.header.start, end: section.header.end };
    out.push({ ...at, title: 'Job calendar', command: JOB_CALENDAR, args: [{ path: file.path }] });
    if (job.kind === 'prune' && file.kind.name === 'prune.cfg') out.push({ ...at, title: 'Simulate prune', command: SIMULATE_PRUNE, args: [{ path: file.path, id: job.id }] });
  }
  return out;
}
