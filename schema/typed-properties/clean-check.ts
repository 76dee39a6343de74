// The fast path of a clean section: property lines that the full check (typedProperties, then the
// type's ajv validator) would pass without a word, told as such without building the typed
// object or calling ajv. Most sections of a real file are clean, and for a big file the typed
// object, its value strings and ajv's walk over it were most of the cost of checking.
//
// It only ever accepts: on anything it does not know for sure (an unknown, repeated, deprecated
// or non-plain key, a keyword it does not implement, a value it doubts) it answers false and the
// section takes the full path, so every problem and message still comes from one place. What it
// implements is what ajv checks on a plain scalar value, with ajv's own pieces where they exist:
// the conversion (scalar-value.ts), the formats (AJV_FORMATS), ucs2length, RegExp with `u`.
// test/unit/schema/clean-check.test.ts proves against the full check and the compiled validators
// that it accepts nothing they refuse.
import type { PropertyLineList } from '../../grammar/ast.ts';
import { ucs2length } from '../ajv-precompiled.ts';
import { FORMATS_IN_TEXT } from '../formats/index.ts';
import type { PbsSchema } from '../registry.ts';
import { SHORT_INTEGER, booleanIn, scalarValue, shortIntegerIn } from '../scalar-value.ts';
import { AJV_FORMATS, RUST_INT_RANGES } from '../validators.ts';
import type { ObjectPlan, PropPlan, ValuePlan } from './plan.ts';

const enum Shape {
  Boolean,
  Integer,
  Number,
  String,
}

/**
 * One key the fast path knows: what its value must be, as data rather than a closure per key, so
 * that one function checks every value and V8 optimizes it early in a big file's one pass. Its
 * value is read where it stands: making 300k value strings alone cost a 50k-section file ~10 ms.
 */
interface CleanKey {
  shape: Shape;
  required: boolean;
  /** The generation of the last section that had the key. */
  seen: number;
  /** Numbers: the bounds (minimum, maximum and x-pbs-rust-type's range together). */
  low: number;
  high: number;
  /** Strings: the bounds of the length in code points. */
  minLength: number;
  maxLength: number;
  /** Strings: the format's check where the value stands (FormatSpec.passesIn). */
  formatIn: ((text: string, start: number, end: number) => boolean) | undefined;
  /** Strings: what needs the value as a string (pattern, a format without passesIn). */
  sliced: ((value: string) => boolean) | undefined;
  /** Strings: `enum`. */
  values: readonly string[] | undefined;
}

/**
 * Keywords ajv ignores (annotations): besides these, only the keywords cleanKey implements may
 * appear in a value's schema. `x-pbs-*` are ours, and ajv knows only x-pbs-rust-type of them.
 */
function isAnnotation(keyword: string): boolean {
  return keyword === 'description' || keyword === 'default' || keyword === 'title' || keyword === '$comment' || (keyword.startsWith('x-pbs-') && keyword !== 'x-pbs-rust-type');
}

const VALUE_KEYWORDS = new Set(['type', 'enum', 'format', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'x-pbs-rust-type']);

/** The checks of a plain scalar's schema, as ajv makes them; undefined when it has a keyword they do not cover. */
function cleanKey(prop: PropPlan, required: boolean): CleanKey | undefined {
  const plan = prop.value;
  if (prop.repeated || prop.deprecated !== undefined || !plan.plain) return undefined;
  const schema = plan.schema;
  if (schema.type !== plan.shape) return undefined;
  for (const keyword of Object.keys(schema)) if (!VALUE_KEYWORDS.has(keyword) && !isAnnotation(keyword)) return undefined;
  const key: CleanKey = { shape: Shape.String, required, seen: 0, low: -Infinity, high: Infinity, minLength: 0, maxLength: Infinity, formatIn: undefined, sliced: undefined, values: undefined };
  switch (plan.shape) {
    case 'boolean':
      key.shape = Shape.Boolean;
      return schema.enum === undefined ? key : undefined;
    case 'integer':
    case 'number': {
      key.shape = plan.shape === 'integer' ? Shape.Integer : Shape.Number;
      const rustType = schema['x-pbs-rust-type'];
      const range = typeof rustType === 'string' && Object.hasOwn(RUST_INT_RANGES, rustType) ? RUST_INT_RANGES[rustType] : undefined;
      if (schema.enum !== undefined || (rustType !== undefined && range === undefined)) return undefined;
      key.low = Math.max(schema.minimum ?? -Infinity, range?.[0] ?? -Infinity);
      key.high = Math.min(schema.maximum ?? Infinity, range?.[1] ?? Infinity);
      return key;
    }
    case 'string':
      return stringKey(key, schema);
    default:
      return undefined;
  }
}

function stringKey(key: CleanKey, schema: PbsSchema): CleanKey | undefined {
  const { pattern, format } = schema;
  key.minLength = schema.minLength ?? 0;
  key.maxLength = schema.maxLength ?? Infinity;
  let re: RegExp | undefined;
  try {
    re = pattern !== undefined ? new RegExp(pattern, 'u') : undefined;
  } catch {
    return undefined; // not a pattern ajv could have compiled either: the full path says so
  }
  key.formatIn = format !== undefined && Object.hasOwn(FORMATS_IN_TEXT, format) ? FORMATS_IN_TEXT[format] : undefined;
  const whole = format !== undefined && key.formatIn === undefined ? (Object.hasOwn(AJV_FORMATS, format) ? AJV_FORMATS[format].validate : undefined) : undefined;
  if (format !== undefined && key.formatIn === undefined && whole === undefined) return undefined;
  if (re !== undefined || whole !== undefined) key.sliced = (value) => (re === undefined || re.test(value)) && (whole === undefined || whole(value));
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || !schema.enum.every((v) => typeof v === 'string')) return undefined;
    key.values = schema.enum as string[];
  }
  return key;
}

/** Whether the value at [start, end) of `text` passes every check of `key`. */
function passes(key: CleanKey, text: string, start: number, end: number): boolean {
  switch (key.shape) {
    case Shape.Boolean:
      return booleanIn(text, start, end) !== undefined;
    case Shape.Integer: {
      // a longer one is read as the full check reads it (BigInt for the i64 range)
      const n = end - start <= SHORT_INTEGER ? shortIntegerIn(text, start, end) : scalarValue('integer', text.slice(start, end));
      return typeof n === 'number' && n >= key.low && n <= key.high;
    }
    case Shape.Number: {
      const n = scalarValue('number', text.slice(start, end));
      return typeof n === 'number' && Number.isFinite(n) && n >= key.low && n <= key.high;
    }
    default:
      return stringPasses(key, text, start, end);
  }
}

function stringPasses(key: CleanKey, text: string, start: number, end: number): boolean {
  const units = end - start;
  // code points lie between half the UTF-16 length and the length: mostly no need to count
  if (units > key.maxLength || units < 2 * key.minLength) {
    const n = ucs2length(text.slice(start, end));
    if (n < key.minLength || n > key.maxLength) return false;
  }
  if (key.formatIn !== undefined && !key.formatIn(text, start, end)) return false;
  const values = key.values;
  if (values !== undefined && !values.some((v) => v.length === units && text.startsWith(v, start))) return false;
  return key.sliced === undefined || key.sliced(text.slice(start, end));
}

/**
 * The fast path of a single string the way ajv checks it against `plan`'s schema (a section's
 * header id): a function that says true only if ajv would pass it, or undefined when the schema
 * has more than the fast path knows.
 */
export function cleanValueCheck(plan: ValuePlan): ((text: string) => boolean) | undefined {
  const key = cleanKey({ key: '', repeated: false, value: plan, deprecated: undefined, seen: 0 }, false);
  return key === undefined ? undefined : (text) => passes(key, text, 0, text.length);
}

/** What ajv checks of a section type's object besides its properties' values. */
const OBJECT_KEYWORDS = new Set(['type', 'properties', 'additionalProperties', 'required']);

/** The fast path for the lines of one object schema (a section type). */
export class CleanLinesCheck {
  private generation = 0;

  private constructor(
    private readonly keys: Map<string, CleanKey>,
    private readonly requiredCount: number,
  ) {}

  /** The fast path for `plan`'s schema, or null when its object keywords are more than it knows. */
  static of(plan: ObjectPlan, schema: PbsSchema): CleanLinesCheck | null {
    for (const keyword of Object.keys(schema)) if (!OBJECT_KEYWORDS.has(keyword) && !isAnnotation(keyword)) return null;
    if (schema.type !== 'object') return null;
    const required = new Set(plan.required);
    const keys = new Map<string, CleanKey>();
    for (const [name, prop] of plan.props) {
      const key = cleanKey(prop, required.has(name));
      if (key !== undefined) keys.set(name, key);
    }
    // A required key the fast path does not know: no section can be told clean here.
    for (const key of required) if (!keys.has(key)) return null;
    return new CleanLinesCheck(keys, required.size);
  }

  /** Whether every key of the lines is one the fast path checks (it can then answer both ways). */
  knows(lines: PropertyLineList): boolean {
    for (let i = 0; i < lines.count; i++) if (!this.keys.has(lines.keyText(i))) return false;
    return true;
  }

  /**
   * True if the full check would find nothing to say about these lines: every key known, given
   * once, its value fine, and every required key there. False says nothing either way.
   */
  accepts(lines: PropertyLineList): boolean {
    const gen = ++this.generation;
    const keys = this.keys;
    let required = 0;
    const source = lines.source;
    for (let i = 0, n = lines.count; i < n; i++) {
      const key = keys.get(lines.keyText(i));
      if (key === undefined || key.seen === gen) return false;
      key.seen = gen;
      if (source !== undefined) {
        if (!passes(key, source, lines.valueStartIn!(i), lines.valueEndIn!(i))) return false;
      } else {
        const text = lines.valueText(i);
        if (!passes(key, text, 0, text.length)) return false;
      }
      if (key.required) required++;
    }
    return required === this.requiredCount;
  }
}
