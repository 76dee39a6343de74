// A synthetic backup history for the prune simulation: the times a backup schedule fires in a
// range, computed the way PBS computes the runs of a job (core/format/next-runs.ts).
import type { CalendarEvent } from '../format/calendar-event.ts';
import { searchRunEpochs } from '../format/next-runs.ts';

/** The most backups one simulation makes: 30 years of backups every 5 minutes is 3.2 million. */
export const MAX_SIMULATED_BACKUPS = 1_000_000;

export class HistoryTooLongError extends Error {
  override name = 'HistoryTooLongError';
}

/**
 * The epochs (seconds, oldest first) at which `event` fires after `from` and up to `to` (both
 * epoch seconds), in `timeZone` (default: this process's zone; UTC when the event says so).
 * Throws HistoryTooLongError past MAX_SIMULATED_BACKUPS.
 */
export function backupTimes(event: CalendarEvent, from: number, to: number, timeZone?: string): number[] {
  // `to` is inclusive here; the search stops before `until`.
  const found = searchRunEpochs(event, from, MAX_SIMULATED_BACKUPS + 1, timeZone, { until: to + 1 });
  if (found.runs.length > MAX_SIMULATED_BACKUPS) {
    throw new HistoryTooLongError(`the schedule fires more than ${MAX_SIMULATED_BACKUPS.toLocaleString('en-US')} times in the range; shorten the range`);
  }
  return found.runs;
}
