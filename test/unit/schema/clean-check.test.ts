// The fast path of clean sections (schema/typed-properties/clean-check.ts) against the full check
// (typedProperties, then the type's ajv validator), for every section type of every kind:
//   - it never accepts lines the full check has something to say about;
//   - on lines whose keys it knows, it accepts exactly what the full check passes (else it would
//     be correct and useless);
// both on the parser's tables (values read where they stand) and on plain line lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lineList, type PropertyLineList, type PropertyNode } from '../../../grammar/ast.ts';
import { parseSectionConfig } from '../../../grammar/section-config.ts';
import { fileKindOfPath } from '../../../schema/file-kinds.ts';
import type { PbsSchema } from '../../../schema/registry.ts';
import { kindNames, kindSchema, sectionSchema, sectionTypes } from '../../../schema/registry.ts';
import { sectionIdValidator } from '../../../schema/ajv.ts';
import { CleanLinesCheck, cleanValueCheck } from '../../../schema/typed-properties/clean-check.ts';
import { validateProperties } from '../../../schema/typed-properties/index.ts';
import { sectionPlan } from '../../../schema/validate-section.ts';

const sectionKinds = kindNames().filter((k) => kindSchema(k)?.['x-pbs-sections'] !== undefined);

/** Whether the full check passes the lines: no problem, no missing key. */
function fullCheckPasses(kind: string, type: string, lines: PropertyLineList): boolean {
  const problems: unknown[] = [];
  const missing = validateProperties(sectionPlan(kind, type)!, lines, { problems: problems as never, sectionType: type, sectionId: 'x' }, 'section');
  return problems.length === 0 && missing.length === 0;
}

const checks = new Map<string, CleanLinesCheck | null>();
function cleanCheck(kind: string, type: string): CleanLinesCheck | null {
  const name = `${kind}\u0000${type}`;
  if (!checks.has(name)) checks.set(name, CleanLinesCheck.of(sectionPlan(kind, type)!, sectionSchema(kind, type)! as PbsSchema));
  return checks.get(name)!;
}

/** The parsed section of `type` with these lines (keys and values without line breaks). */
function sectionOf(type: string, lines: [string, string][]): PropertyLineList {
  const text = `${type}: x\n${lines.map(([k, v]) => `\t${k} ${v}\n`).join('')}`;
  const ast = parseSectionConfig(text);
  assert.equal(ast.sections.length, 1, JSON.stringify(text));
  assert.equal(ast.sections[0].lines.count, lines.length, JSON.stringify(text));
  return ast.sections[0].lines;
}

/** The same lines as plain nodes: no `source`, so the fast path reads each value's text. */
function plainList(lines: PropertyLineList): PropertyLineList {
  const nodes: PropertyNode[] = [];
  for (let i = 0; i < lines.count; i++) nodes.push(lines.line(i));
  return lineList(nodes);
}

// ---------------------------------------------------------------------------------------------
// Values: what admins write, near every bound, and what breaks them

const UNITS = ['a', 'Z', '0', '9', '-', '_', '.', '@', ':', '/', '=', ',', '+', '!', ' ', '\t', '\x01', '\x1f', '\x7f', '\r', 'é', '\u00a0', '\ufeff', '😀', '\ud800', 'ß'];

function stringValues(schema: PbsSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  const sized = (n: number, unit: string) => (n < 0 ? '' : unit.repeat(n));
  const enums = Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((v): v is string => typeof v === 'string') : [];
  const near = [min - 1, min, max, max + 1].filter((n) => n >= 0 && n <= 300);
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...UNITS), maxLength: Math.min(max + 3, 80) }),
    fc.constantFrom(...near).chain((n) => fc.constantFrom(sized(n, 'a'), sized(n, '😀'), sized(Math.ceil(n / 2), '😀'), `${sized(n - 1, 'b')}\x01`)),
    ...(enums.length > 0 ? [fc.constantFrom(...enums, ...enums.map((e) => e.toUpperCase()), ...enums.map((e) => `${e}x`))] : []),
    fc.constantFrom('store1', 'root@pam', 'user@pbs!token', 'https://example.com/x', 'host.example.com:8007', '192.0.2.1', 'c2VjcmV0', 'a=b', '12:34:56'),
  );
}

function integerValues(schema: PbsSchema): fc.Arbitrary<string> {
  const bounds = [schema.minimum, schema.maximum, 0, 255, 65535, 4294967295, 2147483647, -2147483648].filter((n): n is number => typeof n === 'number');
  return fc.oneof(
    fc.constantFrom(...bounds).chain((b) => fc.constantFrom(String(b - 1), String(b), String(b + 1))),
    fc.integer({ min: -1e6, max: 1e12 }).map(String),
    fc.constantFrom('+5', '-0', '007', '', '+', '-', '1.0', '1e3', '0x10', '999999999999999', '9999999999999999', '-9223372036854775808', '9223372036854775808', 'NaN', 'inf'),
  );
}

const BOOLEANS = ['1', '0', 'on', 'off', 'yes', 'no', 'true', 'false', 'TRUE', 'Yes', 'oN', 'fAlSe', 't', '2', '', 'truee', 'yes ', 'ye\u0073', 'tru\u212a', 'İ'];

function valuesFor(schema: PbsSchema | undefined): fc.Arbitrary<string> {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if (type === 'integer' || type === 'number') return fc.oneof(integerValues(schema!), fc.constantFrom('1.5', '-2.25', 'inf', '-inf', 'nan', '.5', '1e400'));
  if (type === 'boolean') return fc.constantFrom(...BOOLEANS);
  return stringValues(schema ?? {});
}

// ---------------------------------------------------------------------------------------------
// Lines: sections found clean in the repository's configuration trees, with lines changed,
// added, repeated or dropped

function configFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) configFiles(path, out);
    else out.push(path);
  }
  return out;
}

/** Per kind and type: the lines of sections the full check passes. */
const cleanSections = new Map<string, [string, string][][]>();
for (const path of [...configFiles('examples'), ...configFiles('test/fixtures')]) {
  const kind = fileKindOfPath(path);
  if (kind === undefined || kind.family !== 'section-config') continue;
  for (const s of parseSectionConfig(readFileSync(path, 'utf8')).sections) {
    if (sectionPlan(kind.name, s.typeText) === null || !fullCheckPasses(kind.name, s.typeText, s.lines)) continue;
    const lines: [string, string][] = [];
    for (let i = 0; i < s.lines.count; i++) lines.push([s.lines.keyText(i), s.lines.valueText(i)]);
    const name = `${kind.name}\u0000${s.typeText}`;
    cleanSections.set(name, [...(cleanSections.get(name) ?? []), lines]);
  }
}

function linesFor(kind: string, type: string): fc.Arbitrary<[string, string][]> {
  const schema = sectionSchema(kind, type)!;
  const keys = Object.keys(schema.properties ?? {});
  const line = fc.constantFrom(...keys, 'unknown-key', schema['x-pbs-id-property'] ?? 'id').chain((key) => valuesFor(schema.properties?.[key]).map((v): [string, string] => [key, v]));
  const bases = cleanSections.get(`${kind}\u0000${type}`) ?? [];
  const edited = fc
    .tuple(fc.constantFrom(...(bases.length > 0 ? bases : [[]])), fc.nat(), line, fc.constantFrom('replace', 'add', 'drop', 'repeat', 'keep'))
    .map(([base, at, l, how]) => {
      const lines = [...base];
      const i = lines.length > 0 ? at % lines.length : 0;
      if (how === 'replace' && lines.length > 0) lines[i] = [lines[i][0], l[1]];
      else if (how === 'add') lines.splice(i, 0, l);
      else if (how === 'drop') lines.splice(i, 1);
      else if (how === 'repeat' && lines.length > 0) lines.push(lines[i]);
      return lines;
    });
  return fc.oneof(edited, fc.array(line, { maxLength: 6 }));
}

/** Values the parser reads as they are: no line break, no white space at either end. */
const parsesAsIs = (lines: [string, string][]) => lines.every(([, v]) => !v.includes('\n') && v.trim() === v);

for (const kind of sectionKinds) {
  test(`${kind}: the fast path accepts exactly what the full check passes, on the lines it knows`, () => {
    let accepted = 0;
    let passedKnown = 0;
    for (const type of sectionTypes(kind)) {
      const check = cleanCheck(kind, type);
      if (check === null) continue;
      fc.assert(
        fc.property(linesFor(kind, type), (raw) => {
          fc.pre(parsesAsIs(raw));
          const table = sectionOf(type, raw);
          const full = fullCheckPasses(kind, type, table);
          for (const lines of [table, plainList(table)]) {
            const fast = check.accepts(lines);
            if (fast) assert.ok(full, `${kind} ${type}: the fast path accepts ${JSON.stringify(raw)}, which the full check does not pass`);
            if (full && check.knows(lines)) {
              assert.ok(fast, `${kind} ${type}: the fast path refuses ${JSON.stringify(raw)}, which the full check passes`);
              passedKnown++;
            }
            if (fast) accepted++;
          }
        }),
        { numRuns: 150 },
      );
    }
    // the test itself must reach both answers
    if (passedKnown > 0) assert.ok(accepted > 0, `${kind}: no generated section was accepted`);
  });
}

const IDS = ['root@pam', 'user1@pbs', 'a@pbs!tok', 'u@ldap-1', 'x@y', 'store1', 'pool_a', 'drive-0', '-x', 'a', 'ab', 'a'.repeat(32), 'a'.repeat(33), 'a'.repeat(64), 'a'.repeat(65), 'job:1', 's3-x.y', 'ünïcode', '😀😀'];

for (const kind of sectionKinds) {
  test(`${kind}: the header id's fast path passes exactly what the id validator passes`, () => {
    for (const type of sectionTypes(kind)) {
      const fast = cleanValueCheck(sectionPlan(kind, type)!.idValue!);
      const full = sectionIdValidator(kind, type)!;
      assert.ok(fast, `${kind} ${type}: no fast path for the header id`);
      fc.assert(
        fc.property(fc.oneof(fc.constantFrom(...IDS), fc.string({ unit: fc.constantFrom(...UNITS, '@', '!', 'p', 'b', 's'), maxLength: 70 })), (id) => {
          assert.equal(fast(id), full(id), `${kind} ${type}: ${JSON.stringify(id)}`);
        }),
        { numRuns: 300 },
      );
    }
  });
}

test('every section type has a fast path but those with a required key it cannot check, and user.cfg knows every key', () => {
  const without = sectionKinds.flatMap((k) => sectionTypes(k).filter((t) => cleanCheck(k, t) === null).map((t) => `${k} ${t}`));
  // required: remote's password and acme dns's data (base64 secrets), prune's schedule (calendar
  // hints), traffic-control's network (a list)
  assert.deepEqual(without.sort(), ['acme/plugins.cfg dns', 'prune.cfg prune', 'remote.cfg remote', 'traffic-control.cfg rule']);
  const user = cleanCheck('user.cfg', 'user')!;
  assert.ok(user.knows(sectionOf('user', [['comment', 'c'], ['enable', '1'], ['expire', '0'], ['firstname', 'Al'], ['lastname', 'Bo'], ['email', 'a@b']])));
});
