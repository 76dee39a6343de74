// The names a file uses that another file (or the same one) defines, and the names it defines,
// extracted from the AST as the data says: `x-pbs-ref` on properties, property-string members,
// list items, repeated keys and section ids (with `part`, `whenAbsent`), acl.cfg's ugid field and
// the `x-pbs-ref` of its path templates. Resolving them across files is the service's job.
import { visit } from 'jsonc-parser';
import { lineList, type AclAst, type KeyValueAst, type PropertyLineList, type SectionConfigAst, type SectionNode, type Span } from '../grammar/ast.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { tooDeepAt } from '../core/json.ts';
import { kindSchema, sectionSchema, type PbsSchema, type RefAnnotation } from './registry.ts';

export interface Reference {
  /** The property (or `id`, `ugid`, `path`) whose value holds the name. */
  property: string;
  /** The name as written, with its range (with `x-pbs-ref.template`: the id it stands for, e.g. `admin@pbs`). */
  name: Span;
  target: { kind: string; sectionTypes: string[] };
  /** Names that exist without a definition (`root@pam`, `standalone`, …). */
  builtins: string[];
}

export interface Definition {
  kind: string;
  sectionType: string;
  id: Span;
}

type AnyAst = SectionConfigAst | AclAst | KeyValueAst;

/** The sections a section-config file defines (every section, whatever its type). */
export function definitionsIn(kind: string, ast: AnyAst): Definition[] {
  if (ast.family !== 'section-config') return [];
  return ast.sections.map((s) => sectionDefinition(kind, s));
}

/** What one section of a `kind` file defines. */
export function sectionDefinition(kind: string, section: SectionNode): Definition {
  return { kind, sectionType: section.typeText, id: section.id };
}

/** Every reference to another object in `ast`, a file of `kind`. */
export function referencesIn(kind: string, ast: AnyAst): Reference[] {
  const out: Reference[] = [];
  switch (ast.family) {
    case 'section-config':
      for (const s of ast.sections) sectionReferencesInto(out, kind, s);
      break;
    case 'key-value': {
      const schema = kindSchema(kind);
      if (schema) propertyRefs(out, referringKeys(schema), lineList(ast.properties));
      break;
    }
    case 'acl':
      aclRefs(out, kind, ast);
      break;
  }
  return out;
}

/** Where references go: an array, or a caller that looks at each as it is made. */
export interface ReferenceSink {
  push(ref: Reference): void;
}

/**
 * Whether a reference is wanted, told from its target kind, builtins and name text before any
 * object is made for it: a caller that only looks names up skips those that need no look-up
 * (a 50k-section user.cfg names the builtin realm 'pbs' 40k times).
 */
export type ReferenceFilter = (targetKind: string, builtins: readonly string[], name: string) => boolean;

/**
 * The references of one section of a `kind` file, added to `out` (in the order referencesIn gives
 * them); with `wanted`, only those it accepts, each asked just before it would be added.
 */
export function sectionReferencesInto(out: ReferenceSink, kind: string, section: SectionNode, wanted?: ReferenceFilter): void {
  const plan = sectionRefPlan(kind, section.typeText);
  if (plan === null) return;
  if (plan.idRef) idReferenceInto(out, section, plan.idRef, wanted);
  if (plan.keys.size > 0) propertyRefs(out, plan.keys, section.lines, wanted);
}

/**
 * The reference a section's id makes (or its `part`, partRange), as pushRef adds it: a big file
 * has one per section (every user names its realm), so its name is sliced once, `wanted` asked
 * once, and no span is made for a name it does not want.
 */
function idReferenceInto(out: ReferenceSink, section: SectionNode, ref: RefAnnotation & { part?: string; template?: string }, wanted: ReferenceFilter | undefined): void {
  const id = section.idText;
  if (!partRange(id, ref.part)) return;
  const { from, to } = PART;
  if (to <= from) return;
  const text = to - from === id.length ? id : id.slice(from, to);
  const name = nameText(text, ref);
  const builtins = ref.builtins ?? NONE;
  if (wanted !== undefined && !wanted(ref.kind, builtins, name)) return;
  const start = section.id.start + from;
  out.push({ property: 'id', name: { text: name, start, end: start + text.length }, target: targetOf(ref), builtins });
}

/** Where a section type's references come from: its id's annotation, and the keys that can refer. */
interface SectionRefPlan {
  idRef: (RefAnnotation & { part?: string }) | undefined;
  keys: Map<string, PbsSchema>;
}

/** Per kind and section type (null: no such type), worked out on first use: every section of a big file asks. */
const sectionRefPlans = new Map<string, Map<string, SectionRefPlan | null>>();

/** The last plan asked for, and its kind and type: a big file's sections come in runs of one type. */
let lastKind = '';
let lastType = '';
let lastPlan: SectionRefPlan | null = null;

function sectionRefPlan(kind: string, type: string): SectionRefPlan | null {
  if (kind === lastKind && type === lastType) return lastPlan;
  let byType = sectionRefPlans.get(kind);
  if (byType === undefined) sectionRefPlans.set(kind, (byType = new Map()));
  let plan = byType.get(type);
  if (plan === undefined) {
    const schema = sectionSchema(kind, type);
    plan = schema ? { idRef: schema['x-pbs-id']['x-pbs-ref'] as SectionRefPlan['idRef'], keys: referringKeys(schema) } : null;
    byType.set(type, plan);
  }
  lastKind = kind;
  lastType = type;
  lastPlan = plan;
  return plan;
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * The target of the references an annotation makes, one object per annotation: big files hold
 * a reference per section (every user names its realm), and they all point the same way.
 */
const targets = new WeakMap<object, Reference['target']>();

function targetOf(ref: RefAnnotation): Reference['target'] {
  let target = targets.get(ref);
  if (target === undefined) {
    target = { kind: ref.kind, sectionTypes: ref.sectionTypes ?? NONE };
    targets.set(ref, target);
  }
  return target;
}

/** The name a reference gives for `text` (with `x-pbs-ref.template`: the id it stands for). */
function nameText(text: string, ref: RefAnnotation & { template?: string }): string {
  return ref.template !== undefined ? ref.template.replace('{value}', text) : text;
}

function pushRef(out: ReferenceSink, property: string, name: Span | undefined, ref: RefAnnotation & { template?: string }, wanted?: ReferenceFilter): void {
  if (name === undefined || name.text === '') return;
  const text = nameText(name.text, ref);
  const builtins = ref.builtins ?? NONE;
  if (wanted !== undefined && !wanted(ref.kind, builtins, text)) return;
  out.push({ property, name: text === name.text ? name : { ...name, text }, target: targetOf(ref), builtins });
}

/**
 * Where in a user/token id the `part` a reference names lies, [from, to): `user` = before `!`,
 * `realm` = after the last `@` (before a token's `!`); the whole id for no part. False when the
 * id has no such part; otherwise true, with the range in PART.
 */
function partRange(text: string, which: string | undefined): boolean {
  const at = text.lastIndexOf('@');
  const bang = text.lastIndexOf('!');
  if (which === 'user') return bang <= at ? false : setPart(0, bang);
  if (which === 'realm') return at < 0 ? false : setPart(at + 1, bang > at ? bang : text.length);
  return setPart(0, text.length);
}

/** partRange's answer, one object reused: a big file asks once per section. */
const PART = { from: 0, to: 0 };

function setPart(from: number, to: number): true {
  PART.from = from;
  PART.to = to;
  return true;
}

/** The `part` of a user/token id a reference names (partRange), as a span. */
function part(span: Span, which: string | undefined): Span | undefined {
  if (which === undefined) return span;
  if (!partRange(span.text, which)) return undefined;
  const { from, to } = PART;
  return from === 0 && to === span.text.length ? span : { text: span.text.slice(from, to), start: span.start + from, end: span.start + to };
}

function refOf(schema: PbsSchema | undefined): (RefAnnotation & { part?: string; whenAbsent?: string; template?: string }) | undefined {
  return schema?.['x-pbs-ref'] as (RefAnnotation & { part?: string; whenAbsent?: string; template?: string }) | undefined;
}

/** The references of the lines of an object whose referring keys (referringKeys) are `keys`. */
function propertyRefs(out: ReferenceSink, keys: Map<string, PbsSchema>, lines: PropertyLineList, wanted?: ReferenceFilter): void {
  if (keys.size === 0) return;
  for (let i = 0; i < lines.count; i++) {
    const valueSchema = keys.get(lines.keyText(i));
    if (valueSchema !== undefined) valueRefs(out, lines.keyText(i), valueSchema, lines.line(i).value, lines, wanted);
  }
}

/**
 * The keys of an object schema whose values can name another object, with the schema of one
 * value (a repeated key's item): worked out once per schema, so that the lines of the other keys
 * (most of them: a 50k-section user.cfg has 300k lines and none of them refer) cost one lookup.
 */
const referringKeysOf = new WeakMap<PbsSchema, Map<string, PbsSchema>>();

function referringKeys(owner: PbsSchema): Map<string, PbsSchema> {
  let keys = referringKeysOf.get(owner);
  if (keys === undefined) {
    keys = new Map();
    for (const [key, schema] of Object.entries(owner.properties ?? {})) {
      const valueSchema = schema.type === 'array' && !schema['x-pbs-list'] ? schema.items : schema;
      if (valueSchema !== undefined && mayRefer(valueSchema)) keys.set(key, valueSchema);
    }
    referringKeysOf.set(owner, keys);
  }
  return keys;
}

/** Whether valueRefs can find a reference in a value of `schema`. */
function mayRefer(schema: PbsSchema): boolean {
  if (schema['x-pbs-property-string']) return Object.values(schema.properties ?? {}).some((m) => refOf(m) !== undefined || refOf(m.items) !== undefined);
  if (schema['x-pbs-list']) return refOf(schema.items) !== undefined;
  return refOf(schema) !== undefined;
}

function hasKey(lines: PropertyLineList, key: string): boolean {
  for (let i = 0; i < lines.count; i++) if (lines.keyText(i) === key) return true;
  return false;
}

/** References in one value (of a key `referringKeys` gives): a plain name, a list of names, or property-string members. */
function valueRefs(out: ReferenceSink, key: string, schema: PbsSchema, value: Span, lines: PropertyLineList, wanted: ReferenceFilter | undefined): void {
  if (schema['x-pbs-property-string']) {
    const members = schema.properties ?? {};
    const ast = parsePropertyString(value.text, value.start);
    for (const e of ast.entries) {
      const name = e.key?.text ?? schema['x-pbs-default-key'];
      if (name === undefined || !Object.hasOwn(members, name)) continue;
      const ref = refOf(members[name]);
      if (ref && e.value.end - e.value.start === e.value.text.length) pushRef(out, `${key}.${name}`, part(e.value, ref.part), ref, wanted);
      else if (ref) pushRef(out, `${key}.${name}`, { ...e.value, text: e.value.text }, ref, wanted);
    }
    return;
  }
  if (schema['x-pbs-list']) {
    const ref = refOf(schema.items);
    if (!ref) return;
    const re = /[^,; \t\n\f\r]+/g;
    for (let m = re.exec(value.text); m; m = re.exec(value.text)) {
      pushRef(out, key, { text: m[0], start: value.start + m.index, end: value.start + m.index + m[0].length }, ref, wanted);
    }
    return;
  }
  const ref = refOf(schema);
  if (!ref) return;
  if (ref.whenAbsent !== undefined && hasKey(lines, ref.whenAbsent)) return;
  pushRef(out, key, part(value, ref.part), ref, wanted);
}

function aclRefs(out: Reference[], kind: string, ast: AclAst): void {
  const schema = kindSchema(kind);
  const fields = (schema?.['x-pbs-fields'] ?? {}) as Record<string, PbsSchema>;
  const ugidRef = refOf(fields.ugid?.items);
  const templates = ((schema?.['x-pbs-acl-paths'] ?? []) as { path: string; 'x-pbs-ref'?: RefAnnotation }[])
    .filter((t) => t['x-pbs-ref'] !== undefined)
    .map((t) => {
      const parts = t.path.split('/').filter((c) => c !== '');
      const at = parts.findIndex((c) => c.startsWith('{'));
      return { prefix: parts.slice(0, at), ref: t['x-pbs-ref']! };
    });
  // one annotation object per kind of id, so the references share their target (targetOf)
  const typed = (ref: RefAnnotation, type: string) => {
    const types = (ref.sectionTypes ?? []).filter((t) => t === type);
    return { ...ref, sectionTypes: types.length > 0 ? types : (ref.sectionTypes ?? []) };
  };
  const ugid = ugidRef && { user: typed(ugidRef, 'user'), token: typed(ugidRef, 'token') };
  const deepest = Math.max(0, ...templates.map((t) => t.prefix.length));
  for (const entry of ast.entries) {
    if (ugid) {
      // items without spans: a list of a million empty items makes no garbage
      entry.eachItem('ugids', (text, start, end) => {
        if (text.startsWith('@') || text === '') return;
        const isToken = text.lastIndexOf('!') > text.lastIndexOf('@');
        pushRef(out, 'ugid', { text, start, end }, isToken ? ugid.token : ugid.user);
      });
    }
    if (templates.length === 0) continue;
    const text = entry.path.text;
    const comps: Span[] = [];
    const re = /[^/]+/g;
    // only the components a template can name are needed (a path can be megabytes of 'a/')
    for (let m = re.exec(text); m && comps.length <= deepest; m = re.exec(text)) {
      comps.push({ text: m[0], start: entry.path.start + m.index, end: entry.path.start + m.index + m[0].length });
    }
    for (const t of templates) {
      if (comps.length <= t.prefix.length) continue;
      if (t.prefix.every((p, i) => comps[i].text === p)) pushRef(out, 'path', comps[t.prefix.length], t.ref);
    }
  }
}

/**
 * References in a JSON file: object keys whose schema (`propertyNames`) carries `x-pbs-ref`
 * (token.shadow keys → user.cfg tokens, shadow.json keys → `<name>@pbs` users, tfa.json users).
 * The name's range is the key without its quotes. Read with jsonc-parser's visitor, walking only
 * into objects the schema says something about: no tree, whatever the file's size.
 */
export function jsonReferencesIn(kind: string, text: string): Reference[] {
  const out: Reference[] = [];
  const schema = kindSchema(kind);
  // PBS cannot read a file nested deeper than serde_json's limit (and the visitor would recurse)
  if (!schema || tooDeepAt(text) >= 0) return out;
  interface Frame {
    schema: PbsSchema | undefined;
    path: string;
  }
  const frames: Frame[] = [];
  /** What the value about to begin is: the root, or the property just read. */
  let next: Frame | undefined = { schema, path: '' };
  const begin = (container: boolean): boolean => {
    const frame = next ?? { schema: undefined, path: '' };
    next = undefined;
    if (container) frames.push(frame);
    return frame.schema !== undefined;
  };
  const end = () => {
    frames.pop();
  };
  visit(
    text,
    {
      onObjectBegin: () => begin(true),
      onArrayBegin: () => {
        begin(true);
        return false; // nothing in an array is a reference
      },
      onObjectEnd: end,
      onArrayEnd: end,
      onLiteralValue: () => {
        begin(false);
      },
      onObjectProperty: (key, offset, length) => {
        const frame = frames[frames.length - 1];
        const owner = frame.schema!; // objects without a schema are walked without callbacks
        const keyRef = refOf(owner.propertyNames as PbsSchema | undefined);
        if (keyRef && length === key.length + 2) {
          pushRef(out, frame.path === '' ? '(key)' : `${frame.path} (key)`, { text: key, start: offset + 1, end: offset + 1 + key.length }, keyRef);
        }
        const sub = owner.properties && Object.hasOwn(owner.properties, key) ? owner.properties[key] : undefined;
        next = { schema: sub, path: frame.path === '' ? key : `${frame.path}.${key}` };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return out;
}
