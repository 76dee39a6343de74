// Booleans as proxmox-schema reads them: 1, on, yes, true and 0, off, no, false, in any case.
import { FAILED, scalarValue } from '../scalar-value.ts';
import { defaultMark } from './enum.ts';
import type { ValueKind } from './value-kind.ts';

export const boolean: ValueKind = {
  name: 'boolean',
  matches: (schema) => schema.type === 'boolean',
  describe(text, schema, { w, label }) {
    const b = scalarValue('boolean', text);
    w.title(text, label);
    w.para(b === FAILED ? 'Not a boolean; PBS accepts 1, on, yes, true and 0, off, no, false (any case).' : `Boolean: ${w.c(String(b))}.`);
    if (schema.default !== undefined) w.field('Default', w.c(String(schema.default)));
  },
  complete: (schema) => ['true', 'false'].map((v) => ({ label: v, kind: 'value', detail: `boolean${defaultMark(schema.default, v)}` })),
};
