// node.cfg (`key: value` lines, formats.md §1.4) against the node.cfg schema: the same value rules
// as section-config files, but a repeated key silently keeps its last value, and the leading `#`
// description block is free text PBS never checks. Plus what PBS checks only when it saves the
// file (ACME domains that repeat).
import { lineList, type KeyValueAst, type PropertyNode, type Span } from '../grammar/ast.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { kindValidator } from './ajv.ts';
import type { Problem, ProblemSink } from './problem.ts';
import { kindSchema } from './registry.ts';
import { objectPlan, validateProperties, type Context, type ObjectPlan } from './typed-properties/index.ts';

const KIND = 'node.cfg';
let plan: ObjectPlan | null | undefined;

function nodePlan(): ObjectPlan | null {
  if (plan === undefined) {
    const schema = kindSchema(KIND);
    plan = schema ? objectPlan(schema, () => kindValidator(KIND)) : null;
  }
  return plan;
}

/** Every problem PBS would have reading (and deserializing) this node.cfg, in document order. */
export function validateNodeConfig(ast: KeyValueAst): Problem[] {
  const problems: Problem[] = [];
  validateNodeConfigInto(ast, problems);
  if (problems.length > 1) problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems;
}

/** The problems of this node.cfg into `problems`; stops early once the sink is `full`. */
export function validateNodeConfigInto(ast: KeyValueAst, problems: ProblemSink): void {
  const p = nodePlan();
  if (p === null) return;
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
  repeatedAcmeDomains(ast.properties, problems);
}

/**
 * PBS reads a node.cfg whose ACME domains repeat (case-insensitively), but refuses to save it
 * ("duplicate domain '…' in ACME config"): `NodeConfig::validate`, called by `save_config`
 * (proxmox-backup src/config/node.rs), walks acmedomain0..4 in index order. Every change of the
 * node settings through PBS (GUI, API, proxmox-backup-manager) then fails. Reported at the domain
 * that repeats an earlier one, as PBS names it.
 */
function repeatedAcmeDomains(lines: readonly PropertyNode[], problems: ProblemSink): void {
  const slots: (PropertyNode | undefined)[] = [];
  for (const line of lines) {
    const m = /^acmedomain([0-4])$/.exec(line.keyText);
    if (m) slots[Number(m[1])] = line; // a repeated key keeps its last value
  }
  const seen = new Map<string, string>();
  for (let i = 0; i < slots.length; i++) {
    const line = slots[i];
    if (line === undefined) continue;
    const domain = domainOf(line.value);
    if (domain === undefined || domain.text === '') continue;
    const folded = domain.text.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier === undefined) {
      seen.set(folded, line.keyText);
      continue;
    }
    problems.push({
      start: domain.start,
      end: domain.end,
      code: 'invalid-value',
      severity: 'warning',
      message:
        `${line.keyText}: the domain '${domain.text}' is already ${earlier}'s (domains are compared without case); PBS reads the file, ` +
        `but refuses to save node.cfg (duplicate domain '${domain.text}' in ACME config), so every change of the node settings fails. Remove one of them.`,
      data: { property: line.keyText, member: 'domain', duplicateOf: earlier },
    });
  }
}

/** The `domain` member of an acmedomainN value (it is the default key: `name` alone is the domain). */
function domainOf(value: Span): Span | undefined {
  if (value.text.length > 4096) return undefined;
  for (const e of parsePropertyString(value.text, value.start).entries) {
    if (e.key === undefined || e.key.text === 'domain') return e.value;
  }
  return undefined;
}
