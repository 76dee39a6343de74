// Printing time spans the way the newest proxmox-time displays a TimeSpan: the normalized
// decomposition (1 y = 365.25 d, 1 M = 30.44 d) as `y M w d h m` groups with a value above zero,
// then the seconds with sub-seconds folded in, rounded to one decimal (`20.3s`, `5s`), `<0.1s`
// for a span below a tenth of a second, `0s` for nothing at all. Sub-second rests next to larger
// units are dropped (`1h 50ms` prints as `1h`), exactly as PBS does.
// The value model (parts, the normalized decomposition) lives here, below the grammar that reads
// the text (grammar/time-span.ts).

/** Per-unit amounts; as entered (summed per unit) or normalized (each below its next unit). */
export interface TimeSpanParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  msec: number;
  usec: number;
  nsec: number;
}

export interface TimeSpan {
  /** Total length in seconds, fractions included (PBS's conversion to f64). */
  seconds: number;
  /** Whole seconds and the nanoseconds beyond them, PBS's stored form (whole seconds above 2^53
   *  lose precision as a number; `parts` stays exact). */
  wholeSeconds: number;
  nanos: number;
  /** The normalized decomposition PBS prints (1 y = 365.25 d, 1 M = 30.44 d). */
  parts: TimeSpanParts;
  /** The amounts as written, summed per unit (`26h 180s` → hours 26, seconds 180). */
  entered: TimeSpanParts;
}

export type TimeUnit = keyof TimeSpanParts;

/** Seconds per unit for the units of a second or more. */
export const SECONDS_PER: Record<Exclude<TimeUnit, 'msec' | 'usec' | 'nsec'>, number> = {
  years: 31_557_600, // 365.25 days
  months: 2_630_016, // 30.44 days
  weeks: 604_800,
  days: 86_400,
  hours: 3_600,
  minutes: 60,
  seconds: 1,
};

export function emptyParts(): TimeSpanParts {
  return { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, msec: 0, usec: 0, nsec: 0 };
}

/** Splits whole seconds + nanoseconds into PBS's normalized parts. */
export function decomposeTimeSpan(wholeSeconds: number | bigint, nanos: number): TimeSpanParts {
  let rem = typeof wholeSeconds === 'bigint' ? wholeSeconds : BigInt(Math.max(0, Math.floor(wholeSeconds)));
  const take = (per: number): number => {
    const p = BigInt(per);
    const v = rem / p;
    rem %= p;
    return Number(v);
  };
  const years = take(SECONDS_PER.years);
  const months = take(SECONDS_PER.months);
  const weeks = take(SECONDS_PER.weeks);
  const days = take(SECONDS_PER.days);
  const hours = take(SECONDS_PER.hours);
  const minutes = take(SECONDS_PER.minutes);
  const seconds = Number(rem);
  const ns = Math.max(0, Math.floor(nanos));
  return {
    years, months, weeks, days, hours, minutes, seconds,
    msec: Math.floor(ns / 1_000_000),
    usec: Math.floor((ns % 1_000_000) / 1_000),
    nsec: ns % 1_000,
  };
}

/** Formats a span given in seconds (fractions allowed; negative counts as zero). */
export function formatTimeSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return seconds > 0 ? 'inf' : '0s';
  let whole = Math.floor(seconds);
  let nanos = Math.round((seconds - whole) * 1e9);
  if (nanos >= 1e9) {
    whole += 1;
    nanos -= 1e9;
  }
  return formatParts(decomposeTimeSpan(whole, nanos));
}

/** Formats a parsed span from its exact whole seconds and nanoseconds. */
export function formatTimeSpanValue(ts: TimeSpan): string {
  return formatParts(ts.parts);
}

/** Formats normalized parts (as `decomposeTimeSpan` returns them). */
export function formatParts(p: TimeSpanParts): string {
  const out: string[] = [];
  const units: [number, string][] = [
    [p.years, 'y'],
    [p.months, 'M'],
    [p.weeks, 'w'],
    [p.days, 'd'],
    [p.hours, 'h'],
    [p.minutes, 'm'],
  ];
  for (const [v, u] of units) if (v > 0) out.push(`${v}${u}`);
  // Same floating-point steps as PBS, so the rounding lands on the same side.
  const secs = p.seconds + p.msec / 1_000 + p.usec / 1_000_000 + p.nsec / 1_000_000_000;
  if (secs >= 0.1) {
    const rounded = Math.round(secs * 10) / 10;
    out.push(Math.abs(rounded - Math.trunc(rounded)) < Number.EPSILON ? `${rounded.toFixed(0)}s` : `${rounded.toFixed(1)}s`);
  } else if (out.length === 0) {
    out.push(secs > 0 ? '<0.1s' : '0s');
  }
  return out.join(' ');
}
