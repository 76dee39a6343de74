// The value-kind registry (schema/values/) against the kinds' data: every unit and format the
// schemas use has its kind or its check, and no schema falls to two kinds (the registry's order
// then decides nothing by accident).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMATS, FORMAT_LABELS } from '../../../schema/formats/index.ts';
import type { PbsSchema } from '../../../schema/registry.ts';
import { VALUE_KINDS, valueKindOf } from '../../../schema/values/index.ts';

const KINDS_DIR = fileURLToPath(new URL('../../../schema/kinds', import.meta.url));

/** Every object inside the kinds' JSON that has a `type`, `format`, `enum` or `x-pbs-*` value annotation, with where it is. */
function schemas(): [PbsSchema, string][] {
  const out: [PbsSchema, string][] = [];
  const visit = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, `${path}/${i}`));
    const s = node as PbsSchema;
    if (s.type !== undefined || s.format !== undefined || s.enum !== undefined) out.push([s, path]);
    for (const [k, v] of Object.entries(s)) visit(v, `${path}/${k}`);
  };
  for (const file of readdirSync(KINDS_DIR)) visit(JSON.parse(readFileSync(`${KINDS_DIR}/${file}`, 'utf8')), file);
  return out;
}

test('every unit the schemas use belongs to a value kind, which matches the schema', () => {
  let units = 0;
  for (const [s, where] of schemas()) {
    const unit = s['x-pbs-unit'];
    if (unit === undefined) continue;
    units++;
    assert.ok(VALUE_KINDS.some((k) => k.units && Object.hasOwn(k.units, unit)), `${where}: no value kind reads the unit ${unit}`);
    assert.ok(valueKindOf(s)?.units?.[unit] !== undefined, `${where}: the kind of the unit ${unit} does not match the schema`);
  }
  assert.ok(units > 30);
});

test('every format the schemas use has a check and words; an expiry is an epoch', () => {
  for (const [s, where] of schemas()) {
    if (s.format !== undefined) {
      assert.equal(typeof FORMATS[s.format], 'function', `${where}: format ${s.format}`);
      assert.ok(FORMAT_LABELS[s.format], `${where}: words for ${s.format}`);
    }
    if (s['x-pbs-expiry'] !== undefined) assert.equal(s['x-pbs-unit'], 'epoch', where);
  }
});

test('no schema of the kinds falls to two value kinds', () => {
  let matched = 0;
  for (const [s, where] of schemas()) {
    const kinds = VALUE_KINDS.filter((k) => k.matches(s)).map((k) => k.name);
    assert.ok(kinds.length <= 1, `${where}: ${kinds.join(', ')}`);
    matched += kinds.length;
  }
  assert.ok(matched > 100);
});

test('the kinds decide by the schema, not by the key: an expiry of 0 never expires, another epoch of 0 is 1970', () => {
  const hint = (s: PbsSchema, text: string) => valueKindOf(s)?.inlayHint?.(text, s, 'UTC')?.label;
  assert.equal(hint({ type: 'integer', 'x-pbs-unit': 'epoch', 'x-pbs-expiry': true }, '0'), '= never');
  assert.equal(hint({ type: 'integer', 'x-pbs-unit': 'epoch' }, '0'), '= 1970-01-01 00:00:00+00:00');
  assert.equal(hint({ type: 'string', format: 'time-span' }, '1w 2d'), '= 1w 2d');
  assert.equal(hint({ type: 'string' }, '1w 2d'), undefined);
});
