// Lines whose key is not one of the object's properties: unknown keys (with a suggestion, and
// PBS's reading of a `#` line or of blanks before the ':'), and the line that repeats the
// section's id property.
import type { PropertyNode } from '../../grammar/ast.ts';
import { FORMATS, FORMAT_LABELS, formatCode } from '../formats/index.ts';
import type { DiagnosticCode } from '../problem.ts';
import type { PbsSchema } from '../registry.ts';
import { didYouMean, suggest } from '../suggest.ts';
import { quote, report, subject, type Context } from './context.ts';
import type { ObjectPlan } from './plan.ts';
import type { LineRules } from './typed-object.ts';

function unknownMessage(plan: ObjectPlan, key: string, ctx: Context, rules: LineRules): string {
  if (rules === 'section') return `unknown property '${key}' for a ${ctx.sectionType ?? ''} section`;
  const trimmed = key.trim();
  if (trimmed !== key && plan.props.has(trimmed)) {
    return `invalid key '${key}': PBS takes everything before the ':' as the key, blanks included; write '${trimmed}:'`;
  }
  return `invalid key '${key}': node.cfg has no such setting (PBS refuses the file)`;
}

export function unknownKey(plan: ObjectPlan, line: PropertyNode, ctx: Context, rules: LineRules): void {
  const key = line.keyText;
  if (key === '#' || key.startsWith('#')) {
    report(
      ctx,
      line.key,
      'unknown-property',
      'error',
      `PBS has no comment syntax in this file: an indented '${key}' line is read as the unknown property '${key}'; use the comment property instead`,
      { property: key, ...(plan.props.has('comment') ? { suggestion: 'comment' } : {}) },
    );
    return;
  }
  const suggestion = suggest(key, plan.names);
  const data: Record<string, unknown> = { property: key };
  if (suggestion !== undefined) data.suggestion = suggestion;
  report(ctx, line.key, 'unknown-property', 'error', `${unknownMessage(plan, key, ctx, rules)}${didYouMean(suggestion)}`, data);
}

/**
 * A line whose key is the section's id property (`name` in datastore.cfg). PBS's parser reads it
 * like any other property — its value is checked against the property's schema, and a second such
 * line is a duplicate property — and only after the section ends overwrites it with the header's
 * id (proxmox-section-config, `SectionConfig::parse`).
 */
export function idPropertyLine(plan: ObjectPlan, line: PropertyNode, ctx: Context, again: boolean): void {
  const key = line.keyText;
  const idText = ctx.sectionId;
  const whole = { start: line.key.start, end: line.value.end > line.key.end ? line.value.end : line.key.end };
  if (again) {
    report(ctx, line.key, 'duplicate-property', 'error', `${key} is given twice in this section; PBS refuses the file (duplicate property '${key}'), although the header's id replaces its value anyway`, { property: key });
    return;
  }
  const schema = plan.idValue!.schema;
  const text = line.value.text;
  const failure = idValueFailure(schema, text);
  if (failure) {
    const at = text === '' ? whole : line.value;
    report(ctx, at, failure.code, 'error', `${subject(key, undefined, text)} ${failure.reason}; PBS checks this line like any other property and refuses the file, although the header's id would replace the value`, { property: key });
    return;
  }
  if (idText !== undefined && text === idText) {
    report(ctx, whole, 'duplicate-property', 'hint', `${key} repeats the id from the section header; PBS takes it from the header, so this line is redundant`, { property: key });
  } else {
    report(ctx, whole, 'duplicate-property', 'warning', `${key} is set by the section header${idText !== undefined ? ` (${quote(idText)})` : ''}; PBS silently overwrites this line's value with it`, { property: key });
  }
}

/** proxmox-schema's string checks on an id value, in its order: length (in characters), then format. */
function idValueFailure(schema: PbsSchema, text: string): { code: DiagnosticCode; reason: string } | undefined {
  const length = [...text].length;
  if (schema.minLength !== undefined && length < schema.minLength) return { code: 'invalid-value', reason: `is too short: at least ${schema.minLength} characters, not ${length}` };
  if (schema.maxLength !== undefined && length > schema.maxLength) return { code: 'invalid-value', reason: `is too long: at most ${schema.maxLength} characters, not ${length}` };
  const format = schema.format;
  const failure = format !== undefined ? FORMATS[format]?.(text) : undefined;
  if (failure && failure.stage === undefined) return { code: formatCode(format!), reason: `is not a valid ${FORMAT_LABELS[format!] ?? format}: ${failure.reason}` };
  return undefined;
}
