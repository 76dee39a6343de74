// Hover on a key: its schema's type and bounds, description, values, default, unit, the target
// of a reference and the release that introduced it.
import { FORMAT_LABELS } from '../schema/formats/index.ts';
import type { PbsSchema } from '../schema/registry.ts';
import { refTarget, unitWords } from '../schema/values/index.ts';
import type { Writer } from './hover-writer.ts';

/** The release that introduced `key` of `owner`, from its `x-pbs-since` map. */
export function sinceOf(owner: PbsSchema | undefined, key: string): string | undefined {
  const since = owner?.['x-pbs-since'];
  if (since && typeof since === 'object' && Object.hasOwn(since, key)) {
    const v = (since as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** `integer, 1 to 32` style summary of a schema's type and bounds. */
export function typeSummary(schema: PbsSchema): string {
  const s = schema.type === 'array' && schema.items && !schema['x-pbs-list'] ? schema.items : schema;
  const parts: string[] = [];
  let type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'value');
  if (s['x-pbs-property-string']) type = 'property string';
  else if (s['x-pbs-list']) type = `list of ${s.items?.type ?? 'values'}`;
  else if (s.format && FORMAT_LABELS[s.format]) type = `${type} (${FORMAT_LABELS[s.format]})`;
  if (schema.type === 'array' && !schema['x-pbs-list']) type += ', repeatable key';
  parts.push(type);
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : undefined);
  if (typeof min === 'number' && typeof max === 'number') parts.push(`${min} to ${max}`);
  else if (min !== undefined) parts.push(typeof min === 'number' ? `≥ ${min}` : min);
  else if (max !== undefined) parts.push(typeof max === 'number' ? `≤ ${max}` : max);
  if (s.minLength !== undefined && s.maxLength !== undefined) parts.push(`${s.minLength} to ${s.maxLength} characters`);
  else if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
  else if (s.minLength !== undefined && s.minLength > 1) parts.push(`at least ${s.minLength} characters`);
  return parts.join(', ');
}

export function keyDoc(w: Writer, key: string, schema: PbsSchema, since: string | undefined): void {
  w.title(key, typeSummary(schema));
  if (schema['x-pbs-deprecated']) w.para(`${w.b('Deprecated:')} ${schema['x-pbs-deprecated']}`);
  w.para(schema.description);
  const enumValues = schema.enum ?? (schema.type === 'array' ? schema.items?.enum : undefined);
  if (enumValues) w.field('Values', enumValues.map((v) => w.c(String(v))).join(', '));
  if (schema['x-pbs-property-string'] && schema.properties) w.field('Members', Object.keys(schema.properties).map((m) => w.c(m)).join(', '));
  if (schema.default !== undefined) w.field('Default', w.c(String(schema.default)));
  const unit = schema['x-pbs-unit'] ?? schema.items?.['x-pbs-unit'];
  if (unit) w.field('Unit', unitWords(unit));
  const ref = schema['x-pbs-ref'] ?? schema.items?.['x-pbs-ref'];
  if (ref) w.field('Refers to', refTarget(ref));
  if (since) w.field('Since', since);
}
