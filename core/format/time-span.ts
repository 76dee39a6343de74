// Printing time spans the way the newest proxmox-time displays a TimeSpan: the normalized
// decomposition (1 y = 365.25 d, 1 M = 30.44 d) as `y M w d h m` groups with a value above zero,
// then the seconds with sub-seconds folded in, rounded to one decimal (`20.3s`, `5s`), `<0.1s`
// for a span below a tenth of a second, `0s` for nothing at all. Sub-second rests next to larger
// units are dropped (`1h 50ms` prints as `1h`), exactly as PBS does.

import { decomposeTimeSpan, type TimeSpan, type TimeSpanParts } from '../../grammar/time-span.ts';

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
