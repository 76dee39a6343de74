// Sizes: `human-byte` strings (`10MiB`, `1.5 G`) and integer byte counts (`x-pbs-unit` bytes, or
// bytes-per-second for rates). Shown in bytes with PBS's IEC and SI forms; `10MB` gets a hint,
// as admins usually mean the binary unit PBS prints.
import { parseHumanByte } from '../../grammar/human-byte.ts';
import { formatHumanByte, formatHumanByteValue, humanByteToU64 } from '../../core/format/human-byte.ts';
import { fromParse, memo, type FormatHint } from '../formats/format.ts';
import type { DocWriter, ValueKind } from './value-kind.ts';
import { hasUnit, hintInteger, unitNumber } from './value-kind.ts';

const UNITS = { bytes: 'bytes', 'bytes-per-second': 'bytes per second' } as const;

/** Sizes offered for size strings, binary units first (what PBS prints). */
const SIZE_EXAMPLES = ['10MiB', '100MiB', '1GiB', '512KiB', '10MB'];
/** Byte counts offered for integer byte properties. */
const BYTE_COUNT_EXAMPLES: [string, string][] = [
  ['1048576', '1 MiB'],
  ['67108864', '64 MiB'],
  ['1073741824', '1 GiB'],
];

export const humanByteCheck = memo((s) => fromParse(parseHumanByte(s)));

export const size: ValueKind = {
  name: 'size',
  matches: (schema) => schema.format === 'human-byte' || hasUnit(schema, UNITS),
  formats: { 'human-byte': { check: humanByteCheck, label: 'size', code: 'invalid-size', hints: siSizeHints } },
  units: UNITS,
  describe(text, schema, hover) {
    const perSecond = schema['x-pbs-unit'] === 'bytes-per-second';
    if (schema.format === 'human-byte') {
      const r = parseHumanByte(text);
      hover.w.title(text, hover.label);
      if (!r.ok) hover.w.para(`Not a size: ${r.message}.`);
      else sizeLines(hover.w, r.value.bytes, perSecond, formatHumanByteValue(r.value));
      return;
    }
    const n = unitNumber(text, hover);
    if (n !== undefined) sizeLines(hover.w, n, perSecond, undefined);
  },
  inlayHint(text, schema) {
    const per = schema['x-pbs-unit'] === 'bytes-per-second' ? '/s' : '';
    if (schema.format === 'human-byte') {
      const r = parseHumanByte(text);
      if (!r.ok) return undefined;
      const bytes = r.value.bytes;
      return { label: `= ${humanByteToU64({ bytes })} B${per}`, tooltip: `${formatHumanByte(bytes, 'binary')}${per} · ${formatHumanByte(bytes, 'decimal')}${per}` };
    }
    const n = hintInteger(text);
    if (n === undefined) return undefined;
    return { label: `= ${formatHumanByte(n, 'binary')}${per}`, tooltip: `${formatHumanByte(n, 'decimal')}${per}` };
  },
  complete(schema) {
    if (schema.format === 'human-byte') {
      const detail = schema['x-pbs-unit'] === 'bytes-per-second' ? 'size per second' : 'size';
      return SIZE_EXAMPLES.map((label) => ({ label, kind: 'value', detail }));
    }
    if (schema['x-pbs-unit'] === 'bytes' && schema.type === 'integer') return BYTE_COUNT_EXAMPLES.map(([label, h]) => ({ label, kind: 'value', detail: `${h} in bytes` }));
    return [];
  },
};

/** A byte count as PBS prints it: bytes, the IEC and SI forms (per second for rates). */
function sizeLines(w: DocWriter, bytes: number, perSecond: boolean, written: string | undefined): void {
  const s = perSecond ? '/s' : '';
  const whole = humanByteToU64({ bytes });
  w.para(`${w.b(`${whole} bytes${s}`)}${written ? ` (${w.c(written + s)})` : ''}`);
  w.field('IEC', `${formatHumanByte(bytes, 'binary')}${s}`);
  w.field('SI', `${formatHumanByte(bytes, 'decimal')}${s}`);
}

const SI_LETTERS = 'kmgtp';

/** `10MB`, `1.5 g`: an SI unit where admins usually mean the binary one (PBS prints sizes in KiB, MiB, …). */
function siSizeHints(value: string): FormatHint[] {
  let end = value.length;
  const last = value.charCodeAt(end - 1);
  if (last === 98 || last === 66) end--; // b / B
  const unitAt = end - 1;
  const unit = value[unitAt]?.toLowerCase();
  if (unit === undefined || !SI_LETTERS.includes(unit) || unitAt === 0) return [];
  let numEnd = unitAt;
  while (numEnd > 0 && (value[numEnd - 1] === ' ' || value[numEnd - 1] === '\t')) numEnd--;
  const num = value.slice(0, numEnd);
  if (!/^[0-9]*\.?[0-9]*$/.test(num) || num === '' || num === '.') return [];
  const r = parseHumanByte(value);
  if (!r.ok) return [];
  const exp = SI_LETTERS.indexOf(unit) + 1;
  const symbol = unit.toUpperCase();
  const replacement = `${value.slice(0, unitAt)}${symbol}iB`;
  const n = Number(num);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  return [
    {
      message: `'${value}' is an SI size: ${fmt(n * 1000 ** exp)} bytes; if you meant ${num} ${symbol}iB (${fmt(n * 1024 ** exp)} bytes), write '${replacement}'`,
      offset: unitAt,
      length: value.length - unitAt,
      severity: 'hint',
      replacement,
    },
  ];
}
