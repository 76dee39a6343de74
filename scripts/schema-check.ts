// Schema drift check: compares the committed dump of PBS's own schemas
// (schema/reference/pbs-api-types.json, written by pbs-schema-dump from the Rust crates)
// with our hand-kept schema/kinds/*.json, and lists every difference in the facts PBS enforces:
// sections, properties (missing/extra), required, type, minimum/maximum, min/max length, format
// or pattern, enum values, property-string members, defaults, the id schema.
// Our own annotations (x-pbs-*: references, hints, units, docs) and descriptions are not compared.
//
//   npm run schema:check            differences not in KNOWN_DEVIATIONS; exit 1 if any
//   npm run schema:check -- --all   also the known deviations, with their reasons
//   npm run schema:check -- --json  the differences as JSON
//   npm run schema:sync             writes PBS's bounds, lengths, enums, defaults and required
//                                   lists into schema/kinds/*.json (scripts/schema-check.sync.ts)
// Runs without Rust: it reads the committed dump only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DUMP_PATH = join(ROOT, 'schema/reference/pbs-api-types.json');
export const KINDS_DIR = join(ROOT, 'schema/kinds');

/** One fact where our schema and PBS's differ. `path`: `<file> <section>/<property>[.<member>]`. */
export interface Difference {
  path: string;
  what: string;
  ours: Json;
  pbs: Json;
  /** Where the fact lives: our kind file's name, then the JSON path of the value schema in it. */
  at: (string | number)[];
}

/**
 * Our format names, and which of PBS's formats each one implements: names from the dump's
 * `formats` table (pbs-schema-dump names the formats it can; patterns with the same regex are
 * the same format, so a name stands for its regex). A property with our format must carry one
 * of these in the dump. schema/formats/ (and schema/values/) restate each one; when PBS changes a regex, the
 * dump's `formats` entry changes and so does its diff.
 */
export const FORMAT_MAP: Record<string, string[]> = {
  'safe-id': ['SAFE_ID_FORMAT', 'BACKUP_ID_FORMAT'],
  'single-line-comment': ['SINGLE_LINE_COMMENT_FORMAT', 'PASSWORD_FORMAT'],
  'multi-line-comment': ['MULTI_LINE_COMMENT_FORMAT'],
  password: ['PASSWORD_FORMAT', 'SINGLE_LINE_COMMENT_FORMAT'],
  cidr: ['CIDR_FORMAT'],
  uuid: ['UUID_FORMAT'],
  'dns-name': ['DNS_NAME_FORMAT'],
  'dns-alias': ['DNS_ALIAS_FORMAT'],
  'dns-name-or-ip': ['DNS_NAME_OR_IP_FORMAT'],
  'host-port': ['HOST_PORT_FORMAT'],
  'http-url': ['HTTP_URL_FORMAT'],
  'sha256-fingerprint': ['FINGERPRINT_SHA256_FORMAT'],
  'user-id': ['PROXMOX_USER_ID_FORMAT'],
  'token-id': ['PROXMOX_TOKEN_ID_FORMAT'],
  'auth-id': ['PROXMOX_AUTH_ID_FORMAT'],
  'acl-path': ['ACL_PATH_FORMAT'],
  'backup-namespace': ['BACKUP_NAMESPACE_FORMAT'],
  'backup-group': ['BACKUP_GROUP_FORMAT'],
  'openssl-ciphers': ['OPENSSL_CIPHERS_TLS_FORMAT'],
  'daily-duration': ['DAILY_DURATION_FORMAT'],
  'media-set-policy': ['MEDIA_SET_ALLOCATION_POLICY_FORMAT'],
  'media-retention-policy': ['MEDIA_RETENTION_POLICY_FORMAT'],
  'calendar-event': ['calendar-event (proxmox_time::verify_calendar_event)'],
  'human-byte': ['human-byte (proxmox_human_byte::HumanByte)'],
  'group-filter': ['group-filter (pbs_api_types::verify_group_filter)'],
  'datastore-backend': ['datastore-backend (DATASTORE_BACKEND_CONFIG_STRING_SCHEMA)'],
  's3-bucket-name': ['s3-bucket-name (S3_BUCKET_NAME_SCHEMA)'],
  'http-proxy': ['http-proxy (proxmox_http::HTTP_PROXY_SCHEMA)'],
  'generic-uri': ['OPENID_ACR_FORMAT', 'OPENID_AUDIENCE_FORMAT'],
  's3-endpoint': ['S3_ENDPOINT_FORMAT'],
  's3-region': ['S3_REGION_FORMAT'],
};

/**
 * Where our schema knowingly differs from PBS's. One entry per difference, each with its reason;
 * matched on path + what. Keep this the only place: the unit test fails on a difference that is
 * not listed here and on an entry that no longer matches anything.
 */
const CODE_DEFAULT =
  "effective default that PBS's code applies when the property is absent; PBS's schema declares none. Ours states it for hover and hints";

export const KNOWN_DEVIATIONS: { path: string; what: string; reason: string }[] = [
  {
    path: 'acme/plugins.cfg dns/data',
    what: 'pattern',
    reason:
      "PBS's schema takes any string but the plugin cannot be loaded unless it decodes as base64 (URL-safe, padding optional); we check that at the line (reference formats.md §9)",
  },
  {
    path: 'datastore.cfg datastore/backend',
    what: 'type',
    reason:
      "PBS checks the string with a verify function that parses it as the DatastoreBackendConfig property string; we spell out that property string's members so they are checked, completed and hovered one by one",
  },
  { path: 'media-pool.cfg pool/allocation', what: 'default', reason: CODE_DEFAULT },
  { path: 'media-pool.cfg pool/retention', what: 'default', reason: CODE_DEFAULT },
  { path: 'media-pool.cfg pool/template', what: 'default', reason: CODE_DEFAULT },
  { path: 'remote.cfg remote/port', what: 'default', reason: CODE_DEFAULT },
  { path: 's3.cfg s3-endpoint/port', what: 'default', reason: CODE_DEFAULT },
  { path: 's3.cfg s3-endpoint/region', what: 'default', reason: CODE_DEFAULT },
];

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function loadDump(path = DUMP_PATH): Obj {
  return JSON.parse(readFileSync(path, 'utf8')) as Obj;
}

/** schema/kinds/*.json by kind name (the schema's title, e.g. `acme/plugins.cfg`). */
export function loadKinds(dir = KINDS_DIR): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const schema = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Obj;
    out[String(schema.title)] = schema;
  }
  return out;
}

class Comparer {
  readonly diffs: Difference[] = [];
  constructor(private readonly formats: Obj) {}

  file = '';

  add(path: string, what: string, ours: Json | undefined, pbs: Json | undefined, at: (string | number)[]): void {
    this.diffs.push({ path, what, ours: ours ?? null, pbs: pbs ?? null, at: [this.file, ...at] });
  }

  /** A PBS format as `name` or `{ regex }` (null when the schema has none). */
  private pbsFormat(s: Obj): Json {
    const f = s.format;
    if (!isObj(f)) return null;
    if (typeof f.name === 'string') return f.name;
    if (f.kind === 'pattern') return { regex: f.regex as string };
    return f.kind as string;
  }

  private formatMatches(ours: string, pbs: Obj): boolean {
    const fmt = isObj(pbs.format) ? pbs.format : undefined;
    if (!fmt) return false;
    return (FORMAT_MAP[ours] ?? []).some((name) => {
      if (fmt.name === name) return true;
      const known = this.formats[name];
      return fmt.kind === 'pattern' && isObj(known) && known.kind === 'pattern' && known.regex === fmt.regex;
    });
  }

  /** Compares one value schema: ours (JSON Schema) against PBS's (dump form). */
  value(path: string, ours: Obj, pbs: Obj, at: (string | number)[]): void {
    const fmt = isObj(pbs.format) ? pbs.format : undefined;
    // A property string: PBS writes a string whose format is an object or array schema.
    if (pbs.type === 'string' && fmt?.kind === 'property-string' && isObj(fmt.schema)) {
      const inner = fmt.schema;
      if (inner.type === 'array') {
        if (ours.type !== 'array' || ours['x-pbs-list'] !== true) this.add(path, 'type', describeType(ours), 'list in one value (property string of an array)', at);
        else this.array(path, ours, inner, at);
        return;
      }
      if (ours.type !== 'object' || ours['x-pbs-property-string'] !== true) {
        this.add(path, 'type', describeType(ours), 'property string', at);
        return;
      }
      this.object(path, ours, inner, '.', at);
      if (!same(ours['x-pbs-default-key'], inner.defaultKey)) this.add(path, 'default-key', ours['x-pbs-default-key'], inner.defaultKey, at);
      return;
    }
    if (pbs.type === 'array') {
      if (ours.type !== 'array' || ours['x-pbs-list'] === true) this.add(path, 'type', describeType(ours), 'array (key repeated)', at);
      else this.array(path, ours, pbs, at);
      return;
    }
    if (ours.type !== pbs.type) {
      this.add(path, 'type', describeType(ours), pbs.type, at);
      return;
    }
    if (!same(ours.default, pbs.default)) this.add(path, 'default', ours.default, pbs.default, at);
    if (pbs.type === 'integer' || pbs.type === 'number') {
      if (!same(ours.minimum, pbs.minimum)) this.add(path, 'minimum', ours.minimum, pbs.minimum, at);
      if (!same(ours.maximum, pbs.maximum)) this.add(path, 'maximum', ours.maximum, pbs.maximum, at);
    }
    if (pbs.type !== 'string') return;
    if (!same(ours.minLength, pbs.minLength)) this.add(path, 'minLength', ours.minLength, pbs.minLength, at);
    if (!same(ours.maxLength, pbs.maxLength)) this.add(path, 'maxLength', ours.maxLength, pbs.maxLength, at);
    if (fmt?.kind === 'enum') {
      const values = (fmt.values as Obj[]).map((v) => v.value as string);
      if (!same(ours.enum, values)) this.add(path, 'enum', ours.enum, values, at);
      return;
    }
    if (ours.enum !== undefined) this.add(path, 'enum', ours.enum, null, at);
    const pbsFormat = this.pbsFormat(pbs);
    if (typeof ours.format === 'string') {
      if (!this.formatMatches(ours.format, pbs)) this.add(path, 'format', ours.format, pbsFormat, at);
    } else if (typeof ours.pattern === 'string') {
      if (!same({ regex: ours.pattern }, pbsFormat)) this.add(path, 'pattern', ours.pattern, pbsFormat, at);
    } else if (pbsFormat !== null) {
      this.add(path, 'format', null, pbsFormat, at);
    }
  }

  private array(path: string, ours: Obj, pbs: Obj, at: (string | number)[]): void {
    if (!same(ours.minItems, pbs.minLength)) this.add(path, 'minItems', ours.minItems, pbs.minLength, at);
    if (!same(ours.maxItems, pbs.maxLength)) this.add(path, 'maxItems', ours.maxItems, pbs.maxLength, at);
    if (isObj(ours.items) && isObj(pbs.items)) this.value(`${path}[]`, ours.items, pbs.items, [...at, 'items']);
    else this.add(path, 'items', ours.items, pbs.items, at);
  }

  /** Properties, required and additionalProperties of an object; `skip` = the id property. */
  object(path: string, ours: Obj, pbs: Obj, sep: string, at: (string | number)[], skip?: string): void {
    const ourProps = isObj(ours.properties) ? ours.properties : {};
    const pbsProps = isObj(pbs.properties) ? pbs.properties : {};
    const required = new Set(Array.isArray(ours.required) ? (ours.required as string[]) : []);
    for (const [name, entry] of Object.entries(pbsProps)) {
      if (name === skip || !isObj(entry) || !isObj(entry.schema)) continue;
      const p = `${path}${sep}${name}`;
      const ourProp = ourProps[name];
      if (!isObj(ourProp)) {
        this.add(p, 'missing-property', null, entry.optional ? 'optional' : 'required', [...at, 'properties', name]);
        continue;
      }
      if (required.has(name) === Boolean(entry.optional)) this.add(p, 'required', required.has(name), !entry.optional, [...at, 'properties', name]);
      this.value(p, ourProp, entry.schema, [...at, 'properties', name]);
    }
    for (const name of Object.keys(ourProps)) {
      if (!(name in pbsProps)) this.add(`${path}${sep}${name}`, 'extra-property', 'present', null, [...at, 'properties', name]);
    }
    const additional = ours.additionalProperties !== false;
    if (additional !== Boolean(pbs.additionalProperties)) this.add(path, 'additionalProperties', additional, Boolean(pbs.additionalProperties), at);
  }

  kind(file: string, ours: Obj, pbs: Obj): void {
    const ourSections = isObj(ours['x-pbs-sections']) ? ours['x-pbs-sections'] : {};
    const pbsSections = isObj(pbs.sections) ? pbs.sections : {};
    for (const [name, section] of Object.entries(pbsSections)) {
      if (!isObj(section) || !isObj(section.schema)) continue;
      const path = `${file} ${name}`;
      const sat = ['x-pbs-sections', name];
      const ourSection = ourSections[name];
      if (!isObj(ourSection)) {
        this.add(path, 'missing-section', null, section.rustType, sat);
        continue;
      }
      const idProperty = section.idProperty as string;
      if (ourSection['x-pbs-id-property'] !== idProperty) this.add(path, 'id-property', ourSection['x-pbs-id-property'], idProperty, sat);
      if (isObj(ourSection['x-pbs-id']) && isObj(section.idSchema)) this.value(`${path}/<id>`, ourSection['x-pbs-id'], section.idSchema, [...sat, 'x-pbs-id']);
      this.object(`${path}/`, ourSection, section.schema, '', sat, idProperty);
    }
    for (const name of Object.keys(ourSections)) {
      if (!(name in pbsSections)) this.add(`${file} ${name}`, 'extra-section', 'present', null, ['x-pbs-sections', name]);
    }
  }
}

function describeType(s: Obj): Json {
  if (s['x-pbs-property-string'] === true) return 'property string';
  if (s['x-pbs-list'] === true) return 'list in one value (property string of an array)';
  if (s.type === 'array') return 'array (key repeated)';
  return s.type ?? null;
}

/** Every difference between the dump and our kinds, in a stable order. Kinds the dump lacks are skipped. */
export function compare(dump: Obj, kinds: Record<string, Obj>): Difference[] {
  const c = new Comparer(isObj(dump.formats) ? dump.formats : {});
  const dumpKinds = isObj(dump.kinds) ? dump.kinds : {};
  for (const [file, pbs] of Object.entries(dumpKinds)) {
    const ours = kinds[file];
    if (!isObj(pbs)) continue;
    if (!ours) {
      c.add(file, 'missing-kind', null, 'section-config', []);
      continue;
    }
    c.file = file;
    c.kind(file, ours, pbs);
  }
  return c.diffs;
}

export function isKnown(d: Difference): boolean {
  return KNOWN_DEVIATIONS.some((k) => k.path === d.path && k.what === d.what);
}

function show(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--sync')) {
    const { sync } = await import('./schema-check.sync.ts');
    return sync(argv.includes('--dry-run'));
  }
  const dump = loadDump();
  const diffs = compare(dump, loadKinds());
  const unexpected = diffs.filter((d) => !isKnown(d));
  const listed = argv.includes('--all') ? diffs : unexpected;
  if (argv.includes('--json')) {
    console.log(JSON.stringify(listed, null, 2));
  } else {
    const sources = isObj(dump.sources) ? dump.sources : {};
    console.log(`dump: ${Object.entries(sources).map(([k, v]) => `${k} ${show(v)}`).join(', ') || '(no sources recorded)'}`);
    for (const d of listed) {
      const known = KNOWN_DEVIATIONS.find((k) => k.path === d.path && k.what === d.what);
      console.log(`${d.path}: ${d.what}: ours ${show(d.ours)}, PBS ${show(d.pbs)}${known ? `  [known: ${known.reason}]` : ''}`);
    }
    console.log(`${unexpected.length} difference(s) not in KNOWN_DEVIATIONS, ${diffs.length - unexpected.length} known`);
  }
  return unexpected.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
