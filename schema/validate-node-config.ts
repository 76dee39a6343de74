// node.cfg (`key: value` lines, formats.md §1.4) against the node.cfg schema: the same value rules
// as section-config files, but a repeated key silently keeps its last value, and the leading `#`
// description block is free text PBS never checks.
import { lineList, type KeyValueAst } from '../grammar/ast.ts';
import { kindValidator } from './ajv.ts';
import type { Problem } from './problem.ts';
import { kindSchema } from './registry.ts';
import { objectPlan, validateProperties, type Context, type ObjectPlan } from './typed-properties.ts';

const KIND = 'node.cfg';
let plan: ObjectPlan | null | undefined;

function nodePlan(): ObjectPlan | null {
  if (plan === undefined) {
    const schema = kindSchema(KIND);
    plan = schema ? objectPlan(schema, () => kindValidator(KIND)) : null;
  }
  return plan;
}

/** Every problem PBS would have reading (and deserializing) this node.cfg. */
export function validateNodeConfig(ast: KeyValueAst): Problem[] {
  const problems: Problem[] = [];
  const p = nodePlan();
  if (p === null) return problems;
  const ctx: Context = { problems };
  const missing = validateProperties(p, lineList(ast.properties), ctx, 'node');
  if (missing.length > 0) {
    problems.push({
      start: 0,
      end: 0,
      code: 'missing-required',
      severity: 'error',
      message: `node.cfg lacks the required setting${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}`,
      data: { missing },
    });
  }
  if (problems.length > 1) problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems;
}
