// The local calendar fields prune periods are made of (PBS: strftime_local with %Y %m %d %H %G %V),
// for many epochs at once. Asking the zone database once per snapshot costs a few microseconds
// each (87,600 for ten years of hourly backups); the UTC offset only changes a few times a year,
// so it is asked once per day and per snapshot only on a day whose offset changes.
import { IntlZoneClock, localTimeZone } from '../format/next-runs.ts';

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
  /** ISO 8601 week-numbering year (%G) and week (%V, 1..53). */
  isoYear: number;
  isoWeek: number;
}

const DAY = 86_400;

/** Calendar fields of a wall clock given as seconds since 1970-01-01T00:00 in that clock. */
export function fieldsOfWallClock(wall: number): LocalFields {
  const days = Math.floor(wall / DAY);
  const secondOfDay = wall - days * DAY;
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  // civil_from_days (Howard Hinnant's algorithm)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // ISO week: the week (Monday first) holding this date's Thursday; its year is the ISO year.
  const weekday = (((days + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = days - weekday + 3;
  const isoYear = yearOfDays(thursday);
  const isoWeek = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return { year, month, day, hour, minute, isoYear, isoWeek };
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function yearOfDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/** The local fields of each epoch (seconds) in `timeZone` (default: this process's zone). */
export function localFields(epochs: readonly number[], timeZone?: string): LocalFields[] {
  const zone = timeZone ?? localTimeZone();
  if (zone === 'UTC' || zone === 'Etc/UTC') return epochs.map((t) => fieldsOfWallClock(t));
  const clock = new IntlZoneClock(zone);
  /** UTC day → its offset when the same at both ends of the day, else null (a change that day). */
  const dayOffset = new Map<number, number | null>();
  return epochs.map((t) => {
    const d = Math.floor(t / DAY);
    let off = dayOffset.get(d);
    if (off === undefined) {
      const start = clock.offsetAt(d * DAY);
      off = start === clock.offsetAt(d * DAY + DAY - 1) ? start : null;
      dayOffset.set(d, off);
    }
    return fieldsOfWallClock(t + (off ?? clock.offsetAt(t)));
  });
}
