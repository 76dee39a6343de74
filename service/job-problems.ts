// Jobs that never run, as diagnostics (warnings: PBS accepts the file, the job just never starts):
// a schedule whose runs all lie in the past (`2020-01-01`), and a prune job without keep-*
// options, which PBS's proxy skips at every turn (schedule_datastore_prune_jobs: "no 'keep'
// values set, keep all"). A schedule with no run at all (`*-02-30`) is already told by its
// grammar; a schedule that does not parse is an error of its own.
import { searchRuns } from '../core/format/next-runs.ts';
import type { ProblemSink } from '../schema/problem.ts';
import { jobsOfFile } from './job-calendar.ts';
import type { WorkspaceFile } from './workspace.ts';

const KIND_WORDS = { gc: 'garbage collection', prune: 'prune job', verify: 'verification job', sync: 'sync job', 'tape-backup': 'tape backup job' } as const;

export function jobProblems(file: WorkspaceFile, out: ProblemSink, now = new Date()): void {
  if (file.parsed.family !== 'section-config') return;
  for (const job of jobsOfFile(file)) {
    if (out.full) return;
    const what = job.kind === 'gc' ? `garbage collection of '${job.id}'` : `${KIND_WORDS[job.kind]} '${job.id}'`;
    if (job.skipped === 'no-keep-option') {
      out.push({
        start: job.start,
        end: job.end,
        code: 'never-runs',
        severity: 'warning',
        message: `${what} has no keep-* option: PBS skips it at every run and keeps every snapshot; add e.g. keep-daily 7, or remove the job`,
      });
      continue;
    }
    // Only an event bound to years can run out of runs: without years its dates come back.
    if (!job.event || job.event.year.length === 0 || searchRuns(job.event, now, 1).end !== 'never') continue;
    // No run from now on; from 1970 on there was one, so the dates are past (else the grammar says it).
    if (searchRuns(job.event, new Date(0), 1).runs.length === 0) continue;
    out.push({
      start: job.start,
      end: job.end,
      code: 'never-runs',
      severity: 'warning',
      message: `schedule: '${job.schedule}' never runs again: every time it names is in the past, so PBS never starts ${what}`,
    });
  }
}
