// The validators the bundles use (ajv standalone code generated at build time, schema/ajv-standalone.ts,
// run by schema/ajv-precompiled.ts) against the ones ajv compiles at run time (schema/ajv.ts, what
// every other unit test uses): the same answer and the same errors, call by call, on the examples,
// the broken examples and generated values of every property of every kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileValidator, sectionIdValidator, useValidatorSource } from '../../../schema/ajv.ts';
import { ajvUcs2length, precompiledSource, RUNTIME, type KindFactory } from '../../../schema/ajv-precompiled.ts';
import { validatorFactoriesCode } from '../../../schema/ajv-standalone.ts';
import { fileKindByName, fileKindOfPath } from '../../../schema/file-kinds.ts';
import { kindNames, kindSchema, sectionTypes, type PbsSchema } from '../../../schema/registry.ts';
import { kindPointers, type ValidatorSource } from '../../../schema/validators.ts';
import { FileModel } from '../../../service/parsed-file.ts';

const root = new URL('../../../', import.meta.url);

async function precompiled(): Promise<ValidatorSource> {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-precompiled-'));
  try {
    const file = join(dir, 'factories.mjs');
    writeFileSync(file, `export default ${validatorFactoriesCode()};\n`);
    const factories = (await import(pathToFileURL(file).href)).default as Record<string, KindFactory>;
    return precompiledSource(factories);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where two error lists differ, or undefined. Schema objects must be the registry's very objects. */
function difference(a: ErrorObject[] | null | undefined, b: ErrorObject[] | null | undefined): string | undefined {
  const as = a ?? [];
  const bs = b ?? [];
  if (as.length !== bs.length) return `${as.length} errors compiled, ${bs.length} precompiled`;
  for (let i = 0; i < as.length; i++) {
    const x = as[i];
    const y = bs[i];
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const u = (x as unknown as Record<string, unknown>)[key];
      const v = (y as unknown as Record<string, unknown>)[key];
      if ((key === 'schema' || key === 'parentSchema') && typeof u === 'object' && u !== null) {
        if (u !== v) return `error ${i} (${x.keyword} at ${x.schemaPath}): ${key} is not the same object`;
        continue;
      }
      try {
        assert.deepStrictEqual(v, u);
      } catch {
        return `error ${i} (${x.keyword} at ${x.schemaPath}): ${key} ${JSON.stringify(u)} compiled, ${JSON.stringify(v)} precompiled`;
      }
    }
  }
  return undefined;
}

interface Comparison {
  calls: number;
  failing: number;
  used: Set<string>;
  mismatches: string[];
}

/** A source that runs both validators on every call, notes any difference and answers as the compiled one. */
function comparing(pre: ValidatorSource, seen: Comparison): ValidatorSource {
  return (kind, pointer) => {
    const compiled = compileValidator(kind, pointer);
    const other = pre(kind, pointer);
    if (!compiled || !other) {
      if (compiled || other) seen.mismatches.push(`${kind}#${pointer}: only one side has a validator`);
      return compiled;
    }
    const both = ((data: unknown) => {
      const copy = structuredClone(data);
      const valid = compiled(data);
      const otherValid = other(copy);
      seen.calls++;
      seen.used.add(`${kind}#${pointer}`);
      if (!valid) seen.failing++;
      const diff = valid !== otherValid ? `valid ${valid} compiled, ${otherValid} precompiled` : difference(compiled.errors, other.errors);
      if (diff && seen.mismatches.length < 20) seen.mismatches.push(`${kind}#${pointer} on ${JSON.stringify(data).slice(0, 200)}: ${diff}`);
      both.errors = compiled.errors;
      return valid;
    }) as ValidateFunction;
    return both;
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs: the example trees, and generated values for every property of every kind

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Some values for a schema: [a plausible one, then wrong ones of several sorts]. */
function samples(schema: PbsSchema | undefined, depth = 0): unknown[] {
  if (!schema || depth > 4) return ['x', 1, null];
  const out: unknown[] = [];
  if (schema.enum?.length) out.push(...schema.enum.slice(0, 2), 'not-in-enum');
  if (schema.default !== undefined) out.push(schema.default);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || schema.properties) {
    const obj: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) obj[k] = samples(s, depth + 1)[0];
    if (typeof schema.additionalProperties === 'object') obj['extra-key'] = samples(schema.additionalProperties, depth + 1)[0];
    out.push(obj, {}, { 'unknown-key': 1 });
    for (const [k, s] of Object.entries(schema.properties ?? {})) for (const v of samples(s, depth + 1).slice(1, 3)) out.push({ ...obj, [k]: v });
  }
  if (types.includes('array') || schema.items) out.push([samples(schema.items, depth + 1)[0]], [], ['x', 2]);
  if (types.includes('string')) out.push('pbs-value', '', 'a'.repeat(300), 'two words', 'line\nbreak', 'root@pam', 'user@pbs!token', '10MiB', 'daily');
  if (types.includes('integer') || types.includes('number')) {
    out.push(schema.minimum ?? 0, schema.maximum ?? 1, -1, 1.5, 2 ** 40, 1e300);
  }
  if (types.includes('boolean')) out.push(true, false);
  out.push('x', 0, null, true, [], {});
  return out;
}

/** A value as a .cfg file writes it: property strings as `k=v,…`, lists as blank-separated words. */
function cfgText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cfgText).join(' ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${cfgText(v)}`).join(',');
  return String(value).replace(/\n/g, ' ');
}

/** Sections of every type with every property set to each of its sample values in turn. */
function sectionTexts(kind: string): string[] {
  const texts: string[] = [];
  for (const type of sectionTypes(kind)) {
    const section = kindSchema(kind)!['x-pbs-sections']![type];
    const props = Object.entries(section.properties ?? {});
    // with an id no type takes (longer than any allows): the header id's fast path passes
    // nothing, so the id validator runs (schema/typed-properties/clean-check.ts)
    const ids = [...samples(section['x-pbs-id']).map(cfgText), 'x'.repeat(300)];
    const rounds = Math.max(ids.length, ...props.map(([, s]) => samples(s).length));
    const out: string[] = [];
    for (let r = 0; r < rounds; r++) {
      // A key no type has sends the section down the full check, which calls the validators: a
      // clean section takes the fast path (schema/typed-properties/clean-check.ts), which does not.
      const lines = [`${type}: ${ids[r % ids.length] || `id${r}`}`, '\tpbs-tools-no-such-key 1'];
      for (const [key, s] of props) {
        const values = samples(s);
        lines.push(`\t${key} ${cfgText(values[r % values.length])}`);
      }
      out.push(lines.join('\n'));
    }
    texts.push(out.join('\n\n') + '\n');
  }
  return texts;
}

function nodeCfgTexts(): string[] {
  const props = Object.entries(kindSchema('node.cfg')!.properties ?? {});
  const rounds = Math.max(...props.map(([, s]) => samples(s).length));
  const texts: string[] = [];
  for (let r = 0; r < rounds; r++) {
    texts.push(props.map(([key, s]) => `${key}: ${cfgText(samples(s)[r % samples(s).length])}`).join('\n') + '\n');
  }
  return texts;
}

function jsonTexts(kind: string): string[] {
  return samples(kindSchema(kind)).map((v) => JSON.stringify(v, null, 1));
}

test('precompiled validators answer as compiled ones, error for error, on every kind', async () => {
  const seen: Comparison = { calls: 0, failing: 0, used: new Set(), mismatches: [] };
  useValidatorSource(comparing(await precompiled(), seen));
  const check = (kindName: string, text: string) => {
    const kind = fileKindByName(kindName);
    assert.ok(kind, kindName);
    new FileModel(kind).update(text);
  };
  for (const tree of ['examples/etc-proxmox-backup', 'examples/broken']) {
    const dir = new URL(tree, root).pathname;
    for (const file of filesUnder(dir)) {
      const kind = fileKindOfPath(file);
      if (kind) new FileModel(kind).update(readFileSync(file, 'utf8'));
      else assert.match(relative(dir, file), /\.md$/);
    }
  }
  for (const kind of kindNames()) {
    const family = kindSchema(kind)!['x-pbs-family'];
    if (family === 'section-config') for (const text of sectionTexts(kind)) check(kind, text);
    else if (family === 'json') for (const text of jsonTexts(kind)) check(kind, text);
  }
  for (const text of nodeCfgTexts()) check('node.cfg', text);
  // The engine asks an id validator only for an id its fast path does not pass: the sample ids
  // go to the validators themselves too, valid ones included.
  for (const kind of kindNames()) {
    for (const type of sectionTypes(kind)) {
      const validate = sectionIdValidator(kind, type)!;
      for (const id of samples(kindSchema(kind)!['x-pbs-sections']![type]['x-pbs-id'])) validate(id);
    }
  }
  assert.deepEqual(seen.mismatches, []);
  // Every validator the engine uses ran, on valid and on invalid data.
  const expected = kindNames().flatMap((kind) => {
    const family = kindSchema(kind)!['x-pbs-family'];
    if (family === 'section-config') return kindPointers(kind).slice(1).map((p) => `${kind}#${p}`);
    return family === 'acl' ? [] : [`${kind}#`];
  });
  assert.deepEqual(expected.filter((v) => !seen.used.has(v)), [], 'validators never called');
  assert.ok(seen.failing > 500 && seen.calls - seen.failing > 300, `${seen.calls} calls, ${seen.failing} of them failing`);
});

test('every kind and pointer has a precompiled validator; the run-time helpers are functions', async () => {
  const pre = await precompiled();
  for (const kind of kindNames()) {
    for (const pointer of kindPointers(kind)) assert.equal(typeof pre(kind, pointer), 'function', `${kind}#${pointer}`);
  }
  assert.equal(pre('no-such.cfg', ''), undefined);
  assert.equal(RUNTIME.ucs2length('a😀b'), 3);
  assert.equal(RUNTIME.equal({ a: [1] }, { a: [1] }), true);
});

test("the run-time ucs2length counts as ajv's own: surrogate pairs, lone and reversed surrogates, at either end", () => {
  const units = ['a', ' ', '\u00e9', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '\ue000'];
  const cases: string[] = ['', 'user1@pbs', 'a😀b', '😀', '😀😀', '\ud800', '\udc00', '\udc00\ud800', '\ud800\ud800\udc00', 'x'.repeat(200), `${'😀'.repeat(40)}x`];
  // every string of up to three of these code units
  for (const a of units) {
    cases.push(a);
    for (const b of units) {
      cases.push(a + b);
      for (const c of units) cases.push(a + b + c);
    }
  }
  for (const s of cases) assert.equal(RUNTIME.ucs2length(s), ajvUcs2length(s), JSON.stringify(s));
  // the fast path is taken: no high surrogate, the length in code units
  assert.equal(RUNTIME.ucs2length('\udc00\udfff'), 2);
});

test('generated code holds no copy of the kinds: their objects are looked up, as compiled validators have them', () => {
  const code = validatorFactoriesCode(['user.cfg']);
  assert.match(code, /K\("user\.cfg"\)\["x-pbs-sections"\]\["user"\]/);
  assert.doesNotMatch(code, /Free-text note about the user/, 'a description of user.cfg copied into the code');
  assert.doesNotMatch(code, /\brequire\(/);
});
