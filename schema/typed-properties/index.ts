// The heart of the schema engine, shared by section-config sections and node.cfg: property lines
// in, problems out. Each raw value is converted to its typed value the way proxmox-schema parses
// it (booleans, i64 integers, f64 numbers, property strings, lists, repeated keys), conversion
// failures are reported at the value, and the typed object then goes through the kind's compiled
// ajv validator, whose errors are mapped back to the line, member or list item they concern.
//
// A plan per object schema (section type, node.cfg) is built once and cached, so the per-section
// path does no schema lookups beyond one Map.get per key.
import type { PropertyLineList } from '../../grammar/ast.ts';
import { ValueProblems } from '../problem-cap.ts';
import { decodePointer, describe, locate, mergeRequired, oneReportPerEmptyValue } from './ajv-errors.ts';
import type { Context } from './context.ts';
import type { Loc } from './locations.ts';
import type { ObjectPlan } from './plan.ts';
import { typedProperties, type LineRules } from './typed-object.ts';

export type { Context } from './context.ts';
export { objectPlan, valuePlan, type ObjectPlan, type PropPlan, type ValuePlan } from './plan.ts';
export type { LineRules } from './typed-object.ts';

/**
 * Checks the property lines of one section (or node.cfg) against `plan`: conversion, then the
 * compiled schema. Problems go to `ctx.problems`; the required keys that have no line at all are
 * returned, for the caller to report in its own words.
 */
export function validateProperties(plan: ObjectPlan, lines: PropertyLineList, ctx: Context, rules: LineRules): string[] {
  const typed = typedProperties(plan, lines, ctx, rules, undefined);
  // Checking stopped part-way (the file has its share of problems): the object is incomplete.
  if (ctx.problems.full) return NO_MISSING;
  if (plan.validator === undefined) plan.validator = plan.compile() ?? null;
  const validate = plan.validator;
  if (validate === null || validate(typed)) return NO_MISSING;
  const errors = validate.errors ?? [];
  // Again, this time recording where each value came from; its problems are already reported.
  const locs: Record<string, Loc> = {};
  typedProperties(plan, lines, { problems: [], sectionType: ctx.sectionType, sectionId: ctx.sectionId }, rules, locs);
  const missing: string[] = [];
  // ajv's errors of one value (a line, or one line of a repeated key) get that value's share.
  const perValue = new Map<string, { sink: ValueProblems; label: string }>();
  for (const err of mergeRequired(oneReportPerEmptyValue(errors))) {
    const segs = decodePointer(err.instancePath);
    if (segs.length === 0) {
      if (err.keyword === 'required') {
        const key = (err.params as { missingProperty: string }).missingProperty;
        // A key whose line is there but did not convert is not also "missing".
        if (!Object.hasOwn(locs, key) && !missing.includes(key)) missing.push(key);
      }
      continue;
    }
    const at = locate(locs, segs);
    if (!at) continue;
    const value = (locs[segs[0]] as { k?: string }).k === 'rep' ? `${segs[0]}\u0000${segs[1]}` : segs[0];
    let entry = perValue.get(value);
    if (entry === undefined) perValue.set(value, (entry = { sink: new ValueProblems().reset(ctx.problems), label: segs[0] }));
    const sink = entry.sink;
    if (sink.full) {
      sink.skip(at.span.start, at.span.end, 'invalid-value');
      continue;
    }
    const problem = describe(err, at, ctx);
    if (problem) sink.push(problem);
  }
  for (const { sink, label } of perValue.values()) sink.close(label);
  return missing;
}

const NO_MISSING: string[] = [];

