// A file named like a PBS file that could not be read (a FIFO, a device, too big, no permission):
// one problem at its start, worded the same for `pbs-tools lint` and the editor's workspace
// diagnostics. PBS itself would fail to read it.
import type { Problem } from '../schema/problem.ts';

export function unreadableFileProblem(reason: string): Problem {
  return { start: 0, end: 0, code: 'unreadable-file', severity: 'error', message: `not read: ${reason}` };
}
