// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard
// Hinnant's days_from_civil / civil_from_days: exact for any year, no Date object involved. The
// next-run search and the prune periods both turn epochs into calendar fields with it.

/** Days from 1970-01-01 to the given date (month 0-based; out-of-range months and days roll over). */
export function daysFromCivil(year: number, mon: number, mday: number): number {
  const y = year + Math.floor(mon / 12);
  const m = ((mon % 12) + 12) % 12; // 0..11
  // Shift the year to start in March so the leap day comes last.
  const yy = m < 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 10) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + mday - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number: year, month (0-based) and day of the month. */
export function civilFromDays(days: number): { year: number; mon: number; mday: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 2 : mp - 10;
  return { year: yoe + era * 400 + (mon < 2 ? 1 : 0), mon, mday };
}
