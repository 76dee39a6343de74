// Hover on a value: its value kind (schema/values/) writes it — sizes in bytes, durations,
// schedules with their next runs, epochs, enum values, booleans, fingerprints, references; any
// other value gets its key's documentation, short.
import type { PropertyNode, SectionNode, Span } from '../grammar/ast.ts';
import type { PbsSchema } from '../schema/registry.ts';
import { valueKindOf } from '../schema/values/index.ts';
import type { HoverContext as Ctx } from './hover-context.ts';
import { typeSummary } from './hover-keys.ts';
import { refLines } from './hover-refs.ts';

/** The documentation of `value` of `key` (written `label` in titles), by the value's kind. */
export function valueDoc(ctx: Ctx, key: string, schema: PbsSchema, value: Span, lines: PropertyNode[], section: SectionNode | undefined, label: string): void {
  const { w, options } = ctx;
  const text = value.text;
  const kind = valueKindOf(schema);
  if (kind?.describe) {
    kind.describe(text, schema, {
      w,
      key,
      label,
      now: options.now ?? new Date(),
      timeZone: options.timeZone,
      referenceLines: () => refLines(ctx, value, schema, section, lines),
    });
    return;
  }
  w.title(text === '' ? key : text, `${label}: ${typeSummary(schema)}`);
  w.para(schema.description);
  if (schema['x-pbs-deprecated']) w.para(`${w.b('Deprecated:')} ${schema['x-pbs-deprecated']}`);
}
