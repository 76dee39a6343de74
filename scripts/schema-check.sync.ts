// `npm run schema:sync`: applies the differences scripts/schema-check.ts finds to schema/kinds/*.json,
// where a value can be copied from PBS's schema as it is: minimum, maximum, minLength, maxLength,
// minItems, maxItems, enum, default and required. Known deviations are left alone, and so is
// everything else (our annotations, descriptions, formatting: edits go through jsonc-parser,
// which changes only the values it touches). Differences that need a person (a missing or extra
// property or section, a type or format change) are listed, not applied.
//   --dry-run   list what would change, write nothing
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { KINDS_DIR, compare, isKnown, loadDump, loadKinds, type Difference, type Json } from './schema-check.ts';

const COPYABLE = new Set(['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'enum', 'default']);
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function fileOf(kind: string): string {
  for (const name of readdirSync(KINDS_DIR)) {
    if (!name.endsWith('.json')) continue;
    const schema = JSON.parse(readFileSync(join(KINDS_DIR, name), 'utf8')) as { title?: string };
    if (schema.title === kind) return join(KINDS_DIR, name);
  }
  throw new Error(`no schema/kinds file has the title ${kind}`);
}

function valueAt(root: Json, path: (string | number)[]): Json | undefined {
  let v: Json | undefined = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, Json>)[key as string];
  }
  return v;
}

/** The edit for one difference on a file's text, or undefined when it is not copyable. */
function edit(text: string, d: Difference): string | undefined {
  const [, ...at] = d.at;
  if (COPYABLE.has(d.what)) {
    return applyEdits(text, modify(text, [...at, d.what], d.pbs ?? undefined, FORMAT));
  }
  if (d.what === 'required') {
    const objectPath = at.slice(0, -2);
    const name = at[at.length - 1] as string;
    const current = valueAt(parse(text) as Json, [...objectPath, 'required']);
    const list = Array.isArray(current) ? (current as string[]).filter((n) => n !== name) : [];
    if (d.pbs === true) list.push(name);
    return applyEdits(text, modify(text, [...objectPath, 'required'], list, FORMAT));
  }
  return undefined;
}

export function sync(dryRun: boolean): number {
  const diffs = compare(loadDump(), loadKinds()).filter((d) => !isKnown(d));
  const texts = new Map<string, string>();
  const manual: Difference[] = [];
  for (const d of diffs) {
    const file = fileOf(String(d.at[0]));
    const before = texts.get(file) ?? readFileSync(file, 'utf8');
    const after = edit(before, d);
    if (after === undefined) {
      manual.push(d);
      continue;
    }
    texts.set(file, after);
    console.log(`${dryRun ? 'would set' : 'set'} ${d.path}: ${d.what} ${JSON.stringify(d.ours)} -> ${JSON.stringify(d.pbs)}`);
  }
  if (!dryRun) for (const [file, text] of texts) writeFileSync(file, text);
  for (const d of manual) {
    console.log(`needs a hand edit: ${d.path}: ${d.what}: ours ${JSON.stringify(d.ours)}, PBS ${JSON.stringify(d.pbs)}`);
  }
  console.log(`${diffs.length - manual.length} applied${dryRun ? ' (dry run)' : ''}, ${manual.length} left for a hand edit`);
  return manual.length === 0 ? 0 : 1;
}
