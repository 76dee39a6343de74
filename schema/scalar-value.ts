// Scalars as proxmox-schema's parse_simple_value reads them from a config file: booleans
// (1/on/yes/true, 0/off/no/false, any case), i64 integers, f64 numbers (inf and nan included),
// and strings as they are. A value that does not convert is FAILED; schema/typed-properties/convert.ts
// says why, in the property's words.

export const FAILED = Symbol('failed');
export type Converted = unknown | typeof FAILED;

export const INTEGER = /^[+-]?[0-9]+$/;
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

function parseBoolean(text: string): boolean | undefined {
  switch (text.toLowerCase()) {
    case '1':
    case 'on':
    case 'yes':
    case 'true':
      return true;
    case '0':
    case 'off':
    case 'no':
    case 'false':
      return false;
    default:
      return undefined;
  }
}

/** A scalar's typed value as proxmox-schema parses it, or FAILED (nothing reported). */
export function scalarValue(shape: string, text: string): Converted {
  switch (shape) {
    case 'boolean':
      return parseBoolean(text) ?? FAILED;
    case 'integer':
      if (!INTEGER.test(text)) return FAILED;
      if (text.length > 15) {
        const big = BigInt(text);
        if (big < I64_MIN || big > I64_MAX) return FAILED;
      }
      return Number(text);
    case 'number':
      if (FLOAT.test(text)) return Number(text);
      if (FLOAT_SPECIAL.test(text)) return /nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity;
      return FAILED;
    default:
      return text;
  }
}
