// Property lines → the typed object ajv checks: each key's value converted (convert.ts), unknown
// and repeated keys reported as PBS's parser treats them, and, when asked, where every typed value
// came from.
import type { PropertyLineList, PropertyNode } from '../../grammar/ast.ts';
import { ValueProblems } from '../problem-cap.ts';
import { FAILED, scalarValue } from '../scalar-value.ts';
import { report, type Context } from './context.ts';
import { convertValue, type LocSlot } from './convert.ts';
import { idPropertyLine, unknownKey } from './key-lines.ts';
import type { Loc, LocRepeated } from './locations.ts';
import type { ObjectPlan } from './plan.ts';

/** How a file kind treats a key given twice, and words for an unknown key. */
export type LineRules = 'section' | 'node';

/**
 * Converts the property lines against `plan` into the typed object, reporting unknown and
 * repeated keys and values that do not convert. With `locs`, also records where every typed
 * value came from (only needed to place ajv's errors, so only done when there are some).
 */
export function typedProperties(plan: ObjectPlan, lines: PropertyLineList, ctx: Context, rules: LineRules, locs: Record<string, Loc> | undefined): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  const gen = ++plan.generation;
  const count = lines.count;
  // Each line's value gets its share of problems (grammar/limits.ts MAX_PROBLEMS_PER_VALUE).
  const valueProblems = new ValueProblems();
  const valueCtx: Context = { problems: valueProblems, sectionType: ctx.sectionType, sectionId: ctx.sectionId };
  let idLines = 0;
  const where: LocSlot = { loc: undefined };
  for (let i = 0; i < count; i++) {
    if (ctx.problems.full) break; // the file has its share of problems: stop looking
    const key = lines.keyText(i);
    const prop = plan.props.get(key);
    if (prop === undefined) {
      if (key === plan.idProperty && plan.idValue) idPropertyLine(plan, lines.line(i), ctx, ++idLines > 1);
      else unknownKey(plan, lines.line(i), ctx, rules);
      continue;
    }
    if (prop.deprecated !== undefined) {
      report(ctx, lines.line(i).key, 'deprecated', 'hint', `${key} is deprecated: ${prop.deprecated}`, { property: key });
    }
    if (prop.seen === gen && !prop.repeated) {
      if (rules === 'section') {
        report(ctx, lines.line(i).key, 'duplicate-property', 'error', `${key} is given twice in this section; PBS refuses the file (duplicate property '${key}'); only list properties may repeat`, { property: key });
        continue;
      }
      const earlier = earlierLine(lines, i, key)!;
      report(ctx, earlier, 'duplicate-property', 'warning', `${key} is given again on a later line; PBS silently uses the last value and ignores this one`, { property: key });
      delete typed[key];
    }
    prop.seen = gen;
    if (locs === undefined && prop.value.plain) {
      // The clean path of most lines: the value's text only, no span (see ValuePlan.plain).
      const v = scalarValue(prop.value.shape, lines.valueText(i));
      if (v !== FAILED) {
        if (prop.repeated) listOf(typed, key).push(v);
        else typed[key] = v;
        continue;
      }
    }
    where.loc = undefined;
    const line = lines.line(i);
    const value = line.value; // made on demand by the parser's lines: ask once
    valueProblems.reset(ctx.problems);
    const v = convertValue(prop.value, value.text, value, key, undefined, valueCtx, where);
    valueProblems.close(key);
    if (prop.repeated) {
      const list = listOf(typed, key);
      let rep: LocRepeated | undefined;
      if (locs) {
        rep = locs[key] as LocRepeated | undefined;
        if (rep === undefined) locs[key] = rep = { k: 'rep', items: [], lines: [] };
      }
      if (v !== FAILED) {
        list.push(v);
        if (rep) {
          rep.items.push(where.loc ?? value);
          rep.lines.push(line);
        }
      }
      continue;
    }
    if (locs) locs[key] = where.loc ?? value;
    if (v !== FAILED) typed[key] = v;
  }
  return typed;
}

/** The list a repeated key collects its values in (made on its first line). */
function listOf(typed: Record<string, unknown>, key: string): unknown[] {
  let list = typed[key] as unknown[] | undefined;
  if (list === undefined) typed[key] = list = [];
  return list;
}

function earlierLine(lines: PropertyLineList, before: number, key: string): PropertyNode | undefined {
  for (let j = before - 1; j >= 0; j--) if (lines.keyText(j) === key) return lines.line(j);
  return undefined;
}

