// The local calendar fields prune periods are made of (PBS: strftime_local with %Y %m %d %H %G %V),
// for many epochs at once (IntlZoneClock asks the zone database once per day, not per epoch).
import { IntlZoneClock, localTimeZone } from '../format/zone-clock.ts';
import { civilFromDays, daysFromCivil } from '../format/civil.ts';

export interface LocalFields {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
  /** 0 = Monday .. 6 = Sunday */
  weekday: number;
  /** ISO 8601 week-numbering year (%G) and week (%V, 1..53). */
  isoYear: number;
  isoWeek: number;
}

const DAY = 86_400;

/** Calendar fields of a wall clock given as seconds since 1970-01-01T00:00 in that clock. */
export function fieldsOfWallClock(wall: number): LocalFields {
  const days = Math.floor(wall / DAY);
  const secondOfDay = wall - days * DAY;
  const { year, mon, mday } = civilFromDays(days);
  // ISO week: the week (Monday first) holding this date's Thursday; its year is the ISO year.
  const weekday = (((days + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = days - weekday + 3;
  const isoYear = civilFromDays(thursday).year;
  const isoWeek = Math.floor((thursday - daysFromCivil(isoYear, 0, 1)) / 7) + 1;
  return { year, month: mon + 1, day: mday, hour: Math.floor(secondOfDay / 3600), minute: Math.floor((secondOfDay % 3600) / 60), weekday, isoYear, isoWeek };
}

/** The local fields of each epoch (seconds) in `timeZone` (default: this process's zone). */
export function localFields(epochs: readonly number[], timeZone?: string): LocalFields[] {
  const zone = timeZone ?? localTimeZone();
  if (zone === 'UTC' || zone === 'Etc/UTC') return epochs.map((t) => fieldsOfWallClock(t));
  const clock = new IntlZoneClock(zone);
  return epochs.map((t) => fieldsOfWallClock(t + clock.offsetAt(t)));
}
