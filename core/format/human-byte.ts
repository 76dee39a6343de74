// Printing byte sizes the way proxmox-human-byte's Display does: the value rounded to three
// decimals, written in the shortest form without trailing zeros (and never in exponent
// notation, as Rust prints floats), one blank, the unit symbol. Auto-scaling picks the largest
// unit whose integer part is at least 1: by the bit length of the whole byte count for binary
// units, by thresholds of 1000 for decimal ones.

// The value model (units and their factors) lives here, below the grammar that reads the text
// (grammar/human-byte.ts).

export type SizeUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB' | 'PB' | 'KiB' | 'MiB' | 'GiB' | 'TiB' | 'PiB';

export interface HumanByte {
  /** The size in bytes as PBS computes it (value × factor, as a double). */
  bytes: number;
  /** The number as written, before the unit factor. */
  size: number;
  /** The unit symbol PBS prints for it. */
  unit: SizeUnit;
  /** True for IEC units (KiB, MiB, ... powers of 1024). */
  binary: boolean;
  /** True for SI units (KB, MB, ... powers of 1000): `10MB` is 10 000 000 bytes, not 10 MiB. */
  si: boolean;
}

export const SIZE_UNIT_FACTOR: Record<SizeUnit, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  PiB: 1024 ** 5,
};

/** Rust's `{}` for an f64: shortest round-trip digits, plain decimal notation. */
export function rustFloatDisplay(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Expand JavaScript's exponent form into plain digits.
  const neg = s.startsWith('-');
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const [intPart, frac = ''] = mant.split('.');
  const digits = intPart + frac;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (neg ? '-' : '') + out;
}

/** f64::round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function display(size: number, unit: SizeUnit, precision = 3): string {
  const factor = 10 ** precision;
  return `${rustFloatDisplay(roundHalfAway(size * factor) / factor)} ${unit}`;
}

/** The unit PBS's auto-scaling picks for a byte count. */
export function autoScaleUnit(bytes: number, mode: 'binary' | 'decimal'): SizeUnit {
  if (mode === 'binary') {
    // Rust's `size as u64` saturates (NaN and negatives become 0).
    const whole = Number.isNaN(bytes) || bytes <= 0 ? 0n : bytes >= 2 ** 64 ? (1n << 64n) - 1n : BigInt(Math.floor(bytes));
    const bits = whole === 0n ? 0 : whole.toString(2).length;
    if (bits >= 51) return 'PiB';
    if (bits >= 41) return 'TiB';
    if (bits >= 31) return 'GiB';
    if (bits >= 21) return 'MiB';
    if (bits >= 11) return 'KiB';
    return 'B';
  }
  if (bytes >= 1e15) return 'PB';
  if (bytes >= 1e12) return 'TB';
  if (bytes >= 1e9) return 'GB';
  if (bytes >= 1e6) return 'MB';
  if (bytes >= 1e3) return 'KB';
  return 'B';
}

/** A byte count in PBS's human form, e.g. 9000 → `8.789 KiB` (binary) or `9 KB` (decimal). */
export function formatHumanByte(bytes: number, mode: 'binary' | 'decimal' = 'binary'): string {
  const unit = autoScaleUnit(bytes, mode);
  return display(bytes / SIZE_UNIT_FACTOR[unit], unit);
}

/**
 * A parsed size the way PBS writes it back into a config file: the number as written (rounded
 * to three decimals) and the unit symbol, e.g. `10MiB` → `10 MiB`, `1.5kb` → `1.5 KB`.
 */
export function formatHumanByteValue(value: Pick<HumanByte, 'size' | 'unit'>, precision = 3): string {
  return display(value.size, value.unit, precision);
}

/** PBS's `as_u64()`: the byte count truncated, saturating at 0 and 2^64 - 1 (NaN → 0). */
export function humanByteToU64(value: Pick<HumanByte, 'bytes'>): bigint {
  const b = value.bytes;
  if (Number.isNaN(b) || b <= 0) return 0n;
  if (b >= 2 ** 64) return (1n << 64n) - 1n;
  return BigInt(Math.trunc(b));
}
