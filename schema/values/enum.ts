// Enum members: each value's meaning read from the key's description (`` `value` (meaning) `` or
// `` `value` = meaning ``), the default marked.
import type { ValueKind } from './value-kind.ts';

export const enumKind: ValueKind = {
  name: 'enum',
  matches: (schema) => schema.enum !== undefined,
  describe(text, schema, { w, key, label }) {
    const values = schema.enum!.map(String);
    w.title(text, label);
    if (values.includes(text)) {
      const meaning = enumMeaning(schema.description, text);
      w.para(meaning ? `${w.c(text)}: ${meaning}` : `One of ${values.map((v) => w.c(v)).join(', ')}.`);
      if (schema.default !== undefined && String(schema.default) === text) w.para('This is the default.');
    } else {
      w.para(`Not a value of \`${key}\`; PBS accepts ${values.map((v) => w.c(v)).join(', ')}.`);
    }
  },
  complete(schema, completion) {
    const summary = completion.typeSummary(schema);
    return schema.enum!.map(String).map((v) => ({ label: v, kind: 'enum', detail: `${summary}${defaultMark(schema.default, v)}`, documentation: enumMeaning(schema.description, v) }));
  },
};

/** ` (default)` after the default value. */
export function defaultMark(def: unknown, value: string): string {
  return def !== undefined && String(def) === value ? ' (default)' : '';
}

/** What a description says about one enum value: the text after `` `value` `` in parentheses or after `=`. */
export function enumMeaning(description: string | undefined, value: string): string | undefined {
  if (!description) return undefined;
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const paren = new RegExp('`' + esc + '`\\s*\\(([^)]*)\\)').exec(description);
  if (paren) return paren[1];
  const eq = new RegExp('`' + esc + '`\\s*(?:=|:|—|-)\\s*([^;.`]*[^;.`\\s])').exec(description);
  return eq ? eq[1] : undefined;
}
