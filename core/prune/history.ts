// A synthetic backup history for the prune simulation: the times a backup schedule fires in a
// range, computed the way PBS computes the runs of a job (core/format/next-runs.ts).
import type { CalendarEvent } from '../../grammar/calendar-event.ts';
import { computeNextEvent, IntlZoneClock, localTimeZone, UTC_CLOCK, type ZoneClock } from '../format/next-runs.ts';

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
  let clock: ZoneClock = UTC_CLOCK;
  if (!event.utc) {
    const zone = new IntlZoneClock(timeZone ?? localTimeZone());
    zone.guess = -zone.offsetAt(from);
    clock = zone;
  }
  const out: number[] = [];
  let last = from;
  for (;;) {
    const next = computeNextEvent(event, last, clock);
    // A run that does not advance is glibc's answer in a few zones on DST days (see
    // next-runs.ts); PBS would not get past it either.
    if (next === null || next > to || next <= last) return out;
    if (out.length >= MAX_SIMULATED_BACKUPS) {
      throw new HistoryTooLongError(`the schedule fires more than ${MAX_SIMULATED_BACKUPS.toLocaleString('en-US')} times in the range; shorten the range`);
    }
    out.push(next);
    last = next;
  }
}
