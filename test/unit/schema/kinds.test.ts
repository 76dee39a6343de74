// The PBS schemas in schema/kinds/ as data: each file is a draft-07 schema ajv compiles, every property
// explains itself, every section names its id, every cross-file reference points at a kind and section
// type that exist, and a sample of facts matches our reading of the Rust sources (pbs-api-types,
// proxmox-notify, proxmox-s3-client, proxmox-acme-api, pbs-config).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';

const Ajv = AjvModule.default;
const KINDS_DIR = fileURLToPath(new URL('../../../schema/kinds', import.meta.url));

// Format names the engine implements (reference schema.json → formats). Registered here as no-ops:
// this test checks the data, not the format implementations.
const FORMATS = [
  'safe-id', 'single-line-comment', 'multi-line-comment', 'password', 'ipv4', 'ipv6', 'ip', 'cidr',
  'hostname', 'dns-name', 'dns-alias', 'dns-name-or-ip', 'host-port', 'http-url', 'absolute-url', 'uuid',
  'sha256-fingerprint', 'sha256-hex', 'generic-uri', 'user-id', 'token-id', 'auth-id', 'backup-namespace',
  'backup-group', 'acl-path', 'openssl-ciphers', 's3-endpoint', 's3-region', 's3-bucket-name',
  'calendar-event', 'time-span', 'daily-duration', 'human-byte', 'group-filter', 'media-set-policy',
  'media-retention-policy', 'http-proxy', 'datastore-backend',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

interface Kind {
  file: string;
  name: string; // the kind name: title of the schema (e.g. `acme/plugins.cfg`)
  schema: Obj;
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function loadKinds(): Kind[] {
  return readdirSync(KINDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const schema = JSON.parse(readFileSync(join(KINDS_DIR, file), 'utf8')) as Obj;
      return { file, name: String(schema.title), schema };
    });
}

const KINDS = loadKinds();
const BY_NAME = new Map(KINDS.map((k) => [k.name, k]));

function sections(kind: Kind): [string, Obj][] {
  const s = kind.schema['x-pbs-sections'];
  return isObj(s) ? Object.entries(s).map(([t, v]) => [t, v as Obj]) : [];
}

function newAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const f of FORMATS) ajv.addFormat(f, () => true);
  return ajv;
}

/** Every sub-schema reachable through the JSON Schema keywords we use, with a readable path. */
function* walk(node: Json, path: string): Generator<[Obj, string]> {
  if (!isObj(node)) return;
  yield [node, path];
  const props = node.properties;
  if (isObj(props)) for (const [k, v] of Object.entries(props)) yield* walk(v, `${path}.${k}`);
  if (isObj(node.additionalProperties)) yield* walk(node.additionalProperties, `${path}{*}`);
  if (isObj(node.items)) yield* walk(node.items, `${path}[]`);
  if (isObj(node['x-pbs-id'])) yield* walk(node['x-pbs-id'], `${path}<id>`);
  if (isObj(node.propertyNames)) yield* walk(node.propertyNames, `${path}<key>`);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, v] of list.entries()) yield* walk(v, `${path}/${key}${i}`);
  }
  for (const key of ['if', 'then', 'else', 'definitions'] as const) {
    if (isObj(node[key])) yield* walk(node[key], `${path}/${key}`);
  }
  if (isObj(node['x-pbs-sections'])) {
    for (const [t, v] of Object.entries(node['x-pbs-sections'])) yield* walk(v, `${path}/${t}`);
  }
  if (isObj(node['x-pbs-fields'])) {
    for (const [t, v] of Object.entries(node['x-pbs-fields'])) yield* walk(v, `${path}:${t}`);
  }
}

function allNodes(): [Kind, Obj, string][] {
  const out: [Kind, Obj, string][] = [];
  for (const kind of KINDS) for (const [node, path] of walk(kind.schema, kind.name)) out.push([kind, node, path]);
  return out;
}

// Which files schema/kinds/ holds, their names, titles and families: file-kinds-lists.test.ts.
test('every kind is a draft-07 schema', () => {
  for (const k of KINDS) assert.equal(k.schema.$schema, 'http://json-schema.org/draft-07/schema#', k.file);
});

test('every kind, section, id and acl field compiles with ajv (draft-07, custom formats registered)', () => {
  for (const kind of KINDS) {
    const ajv = newAjv();
    assert.ok(ajv.validateSchema(kind.schema), `${kind.file}: ${ajv.errorsText(ajv.errors)}`);
    ajv.compile(kind.schema);
    for (const [type, sec] of sections(kind)) {
      ajv.compile(sec);
      ajv.compile(sec['x-pbs-id'] as Obj);
      assert.ok(type.length > 0);
    }
    const fields = kind.schema['x-pbs-fields'];
    if (isObj(fields)) for (const f of Object.values(fields)) ajv.compile(f as Obj);
  }
});

test('only known format names are used', () => {
  for (const [kind, node, path] of allNodes()) {
    if (node.format !== undefined) {
      assert.ok(FORMATS.includes(String(node.format)), `${kind.file} ${path}: unknown format ${node.format}`);
    }
  }
});

test('every property, section and id has a description', () => {
  for (const kind of KINDS) {
    assert.ok(typeof kind.schema.description === 'string' && kind.schema.description.length > 10, kind.file);
    for (const [node, path] of walk(kind.schema, kind.name)) {
      const props = node.properties;
      if (!isObj(props)) continue;
      for (const [key, prop] of Object.entries(props)) {
        if (prop === false) continue; // a forbidden key (if/then/else rules)
        if (path.includes('/if') || path.includes('/then') || path.includes('/else')) continue;
        assert.ok(isObj(prop), `${kind.file} ${path}.${key}: not a schema`);
        const d = prop.description;
        assert.ok(typeof d === 'string' && d.length >= 8, `${kind.file} ${path}.${key}: missing description`);
      }
    }
    for (const [type, sec] of sections(kind)) {
      assert.ok(typeof sec.description === 'string', `${kind.file} ${type}: section description`);
    }
  }
});

test('every section has x-pbs-id, x-pbs-id-property and closed properties; required keys exist', () => {
  for (const kind of KINDS) {
    if (kind.schema['x-pbs-family'] === 'section-config') {
      assert.ok(sections(kind).length > 0, `${kind.file}: no sections`);
    }
    for (const [type, sec] of sections(kind)) {
      const id = sec['x-pbs-id'];
      assert.ok(isObj(id) && id.type === 'string', `${kind.file} ${type}: x-pbs-id`);
      assert.ok(typeof id.description === 'string', `${kind.file} ${type}: x-pbs-id description`);
      assert.equal(typeof sec['x-pbs-id-property'], 'string', `${kind.file} ${type}: x-pbs-id-property`);
      assert.equal(sec.type, 'object');
      assert.equal(sec.additionalProperties, false, `${kind.file} ${type}: PBS allows no unknown keys`);
      const props = sec.properties as Obj;
      assert.ok(isObj(props), `${kind.file} ${type}: properties`);
      assert.ok(!(String(sec['x-pbs-id-property']) in props), `${kind.file} ${type}: id property listed`);
      for (const r of (sec.required ?? []) as string[]) assert.ok(r in props, `${kind.file} ${type}: ${r}`);
      const since = sec['x-pbs-since'];
      if (isObj(since)) for (const k of Object.keys(since)) assert.ok(k in props, `${kind.file} ${type}: since ${k}`);
    }
  }
});

test('every x-pbs-ref names an existing kind and section type', () => {
  let count = 0;
  for (const [kind, node, path] of allNodes()) {
    const r = node['x-pbs-ref'];
    if (r === undefined) continue;
    count++;
    assert.ok(isObj(r), `${kind.file} ${path}: x-pbs-ref must be an object`);
    const target = BY_NAME.get(String(r.kind));
    assert.ok(target, `${kind.file} ${path}: unknown kind ${r.kind}`);
    const targetSections = target.schema['x-pbs-sections'];
    if (isObj(targetSections)) {
      assert.ok(Array.isArray(r.sectionTypes) && r.sectionTypes.length > 0, `${kind.file} ${path}: sectionTypes`);
      for (const t of r.sectionTypes as string[]) {
        assert.ok(t in targetSections, `${kind.file} ${path}: ${r.kind} has no section type ${t}`);
      }
    } else {
      assert.ok(r.sectionTypes === undefined, `${kind.file} ${path}: ${r.kind} has no sections`);
    }
    if (r.builtins !== undefined) assert.ok(Array.isArray(r.builtins), `${kind.file} ${path}: builtins`);
    if (r.part !== undefined) assert.ok(['user', 'realm'].includes(String(r.part)), `${kind.file} ${path}: part`);
  }
  assert.ok(count > 0);
});

test('annotations have the documented shapes', () => {
  const units = ['bytes', 'bytes-per-second', 'seconds', 'minutes', 'days', 'epoch', 'requests-per-second'];
  for (const [kind, node, path] of allNodes()) {
    const where = `${kind.file} ${path}`;
    if (node['x-pbs-unit'] !== undefined) assert.ok(units.includes(String(node['x-pbs-unit'])), where);
    if (node['x-pbs-rust-type'] !== undefined) {
      assert.ok(['u16', 'u32', 'u64', 'usize'].includes(String(node['x-pbs-rust-type'])), where);
      assert.equal(node.type, 'integer', where);
    }
    if (node['x-pbs-list'] !== undefined) assert.equal(node.type, 'array', where);
    if (node['x-pbs-property-string'] !== undefined) assert.equal(node.type, 'object', where);
    if (node['x-pbs-default-key'] !== undefined) {
      assert.ok(String(node['x-pbs-default-key']) in (node.properties as Obj), where);
    }
    if (node['x-pbs-checked-on'] !== undefined) assert.ok(['load', 'use'].includes(String(node['x-pbs-checked-on'])), where);
    if (node['x-pbs-enum-fallback'] !== undefined) {
      assert.ok(['load', 'use', 'ignored'].includes(String(node['x-pbs-enum-fallback'])), where);
      assert.ok(Array.isArray(node.enum), where);
    }
    if (node['x-pbs-unknown-value'] !== undefined) assert.equal(node['x-pbs-enum-fallback'], 'ignored', where);
    if (node['x-pbs-base64'] !== undefined) assert.ok(['standard', 'url'].includes(String(node['x-pbs-base64'])), where);
    for (const key of ['x-pbs-deprecated', 'x-pbs-uncertain', 'x-pbs-added']) {
      if (node[key] !== undefined) assert.equal(typeof node[key], 'string', `${where} ${key}`);
    }
    const since = node['x-pbs-since'];
    if (since !== undefined && isObj(since)) {
      for (const v of Object.values(since)) assert.match(String(v), /^PBS \d+\.\d+(\.\d+)?$|^\d{4}$/, where);
    }
    if (node.default !== undefined && node.type !== undefined && node.enum === undefined) {
      if (node.type === 'array') assert.ok(Array.isArray(node.default), `${where}: default type`);
      else assert.equal(typeof node.default, node.type === 'integer' ? 'number' : node.type, `${where}: default type`);
    }
    if (Array.isArray(node.enum) && node.default !== undefined) assert.ok(node.enum.includes(node.default), where);
  }
});

// ---- facts, as read from the Rust sources (newest proxmox-rs / proxmox-backup) ----

function prop(kindName: string, section: string | null, path: string): Obj {
  const kind = BY_NAME.get(kindName);
  assert.ok(kind, `kind ${kindName} missing`);
  let node: Obj = section === null ? kind.schema : ((kind.schema['x-pbs-sections'] as Obj)[section] as Obj);
  assert.ok(node, `${kindName}: no section ${section}`);
  for (const part of path.split('.')) {
    const props = node.properties as Obj;
    assert.ok(isObj(props) && isObj(props[part]), `${kindName} ${section} ${path}: no ${part}`);
    node = props[part] as Obj;
  }
  return node;
}

function required(kindName: string, section: string | null, key: string): boolean {
  const kind = BY_NAME.get(kindName)!;
  const node = section === null ? kind.schema : ((kind.schema['x-pbs-sections'] as Obj)[section] as Obj);
  return ((node.required ?? []) as string[]).includes(key);
}

type Fact =
  | { kind: string; section: string | null; prop: string; required: boolean }
  | { kind: string; section: string | null; prop: string; has: Obj };

const FACTS: Fact[] = [
  { kind: 'prune.cfg', section: 'prune', prop: 'schedule', required: true },
  { kind: 'prune.cfg', section: 'prune', prop: 'store', required: true },
  { kind: 'prune.cfg', section: 'prune', prop: 'keep-daily', has: { type: 'integer', minimum: 1 } },
  { kind: 'prune.cfg', section: 'prune', prop: 'max-depth', has: { minimum: 0, maximum: 7 } },
  { kind: 'sync.cfg', section: 'sync', prop: 'remote-store', required: true },
  { kind: 'sync.cfg', section: 'sync', prop: 'remote', required: false },
  { kind: 'sync.cfg', section: 'sync', prop: 'sync-direction', has: { enum: ['pull', 'push'], default: 'pull' } },
  { kind: 'sync.cfg', section: 'sync', prop: 'worker-threads', has: { minimum: 1, maximum: 32, default: 1 } },
  { kind: 'sync.cfg', section: 'sync', prop: 'transfer-last', has: { minimum: 1 } },
  { kind: 'sync.cfg', section: 'sync', prop: 'group-filter', has: { type: 'array' } },
  { kind: 'sync.cfg', section: 'sync', prop: 'rate-in', has: { format: 'human-byte', maxLength: 64 } },
  { kind: 'tape.cfg', section: 'lto', prop: 'changer-drivenum', has: { minimum: 0, maximum: 255, default: 0 } },
  { kind: 'tape.cfg', section: 'lto', prop: 'path', required: true },
  { kind: 'tape.cfg', section: 'changer', prop: 'export-slots', has: { type: 'array', 'x-pbs-list': true } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'path', required: true },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'path', has: { minLength: 1, maxLength: 4096 } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'tuning.gc-atime-cutoff', has: { minimum: 1, maximum: 2880, default: 1445 } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'tuning.gc-cache-capacity', has: { minimum: 0, maximum: 8388608 } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'maintenance-mode', has: { 'x-pbs-default-key': 'type' } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'maintenance-mode.message', has: { maxLength: 64 } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'backend.bucket', has: { minLength: 3, maxLength: 63 } },
  { kind: 'verification.cfg', section: 'verification', prop: 'ignore-verified', has: { default: true } },
  { kind: 'verification.cfg', section: 'verification', prop: 'verify-threads', has: { default: 4 } },
  { kind: 'verification.cfg', section: 'verification', prop: 'max-depth', has: { default: 7 } },
  { kind: 'remote.cfg', section: 'remote', prop: 'password', required: true },
  { kind: 'remote.cfg', section: 'remote', prop: 'auth-id', required: true },
  { kind: 'remote.cfg', section: 'remote', prop: 'port', has: { 'x-pbs-rust-type': 'u16' } },
  { kind: 'user.cfg', section: 'user', prop: 'expire', has: { minimum: 0, default: 0, 'x-pbs-unit': 'epoch' } },
  { kind: 'user.cfg', section: 'user', prop: 'email', has: { minLength: 2, maxLength: 64 } },
  { kind: 'media-pool.cfg', section: 'pool', prop: 'template', has: { minLength: 2, maxLength: 64 } },
  { kind: 'tape-job.cfg', section: 'backup', prop: 'drive', required: true },
  { kind: 'tape-job.cfg', section: 'backup', prop: 'pool', has: { minLength: 2, maxLength: 32 } },
];

const LATER_FACTS: Fact[] = [
  { kind: 's3.cfg', section: 's3-endpoint', prop: 'secret-key', required: true },
  { kind: 's3.cfg', section: 's3-endpoint', prop: 'port', has: { 'x-pbs-rust-type': 'u16' } },
  { kind: 's3.cfg', section: 's3-endpoint', prop: 'region', has: { maxLength: 32 } },
  { kind: 'domains.cfg', section: 'ldap', prop: 'base-dn', required: true },
  { kind: 'domains.cfg', section: 'ad', prop: 'base-dn', required: false },
  { kind: 'domains.cfg', section: 'ldap', prop: 'port', has: { minimum: 0, maximum: 65535 } },
  { kind: 'domains.cfg', section: 'pam', prop: 'type', required: true },
  { kind: 'domains.cfg', section: 'openid', prop: 'username-claim', has: { minLength: 1, maxLength: 64 } },
  { kind: 'domains.cfg', section: 'openid', prop: 'audiences', has: { 'x-pbs-list': true } },
  { kind: 'traffic-control.cfg', section: 'rule', prop: 'network', required: true },
  { kind: 'metricserver.cfg', section: 'influxdb-http', prop: 'bucket', has: { minLength: 1, maxLength: 32, default: 'proxmox' } },
  { kind: 'metricserver.cfg', section: 'influxdb-udp', prop: 'mtu', has: { default: 1500, 'x-pbs-rust-type': 'u16' } },
  { kind: 'notifications.cfg', section: 'webhook', prop: 'method', required: true },
  { kind: 'notifications.cfg', section: 'smtp', prop: 'from-address', required: true },
  { kind: 'notifications-priv.cfg', section: 'gotify', prop: 'token', required: true },
  { kind: 'acme/plugins.cfg', section: 'dns', prop: 'validation-delay', has: { minimum: 0, maximum: 172800, default: 30 } },
  { kind: 'encryption-keys.cfg', section: 'sync-key', prop: 'kdf', required: true },
  { kind: 'node.cfg', section: null, prop: 'consent-text', has: { maxLength: 65536 } },
  { kind: 'node.cfg', section: null, prop: 'task-log-max-days', has: { minimum: 0 } },
  { kind: 'node.cfg', section: null, prop: 'location.latitude', has: { minimum: -90, maximum: 90 } },
  { kind: 'node.cfg', section: null, prop: 'acmedomain0', has: { 'x-pbs-default-key': 'domain' } },
  { kind: 'datastore.cfg', section: 'datastore', prop: 'keep-daily', has: { 'x-pbs-deprecated': 'Replaced by the same option in a prune job (prune.cfg).' } },
  { kind: 'notifications.cfg', section: 'matcher', prop: 'mode', has: { enum: ['all', 'any'], default: 'all' } },
  { kind: 'encryption-key.json', section: null, prop: 'fingerprint', has: { pattern: '^:*([0-9a-fA-F]:*){64}$' } },
];

test('sync.cfg remote-store is a local datastore only when remote is absent', () => {
  const r = prop('sync.cfg', 'sync', 'remote-store')['x-pbs-ref'] as Obj;
  assert.deepEqual(r, { kind: 'datastore.cfg', sectionTypes: ['datastore'], whenAbsent: 'remote' });
});

test('the enums whose Rust type falls back are the ones PBS\'s schema dump marks optional', async () => {
  // schema/reference/pbs-api-types.json (PBS's own schemas, built with `enum-fallback`) marks
  // such an enum format `formatIsOptional`; our kinds mark the same enums `x-pbs-enum-fallback`.
  const { readFileSync } = await import('node:fs');
  const dump = JSON.parse(readFileSync(new URL('../../../schema/reference/pbs-api-types.json', import.meta.url), 'utf8')) as Obj;
  const optional: string[] = [];
  const walk = (node: Json, path: string[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, String(i)]));
    else if (isObj(node)) {
      if (node.formatIsOptional === true) optional.push(path.filter((p) => !['sections', 'schema', 'properties', 'format', 'kinds'].includes(p)).join('/'));
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(dump.kinds, []);
  const ours: string[] = [];
  for (const [kind, node, path] of allNodes()) {
    if (node['x-pbs-enum-fallback'] !== undefined) {
      ours.push(`${kind.name}/${path.slice(kind.name.length + 1).replace(/\[\]/g, '.items').split('.').join('/')}`);
    }
  }
  assert.deepEqual(ours.sort(), optional.sort());
});

test('the built-in objects other files may reference are declared', () => {
  assert.deepEqual(BY_NAME.get('user.cfg')?.schema['x-pbs-builtins'], { user: ['root@pam'] });
  assert.deepEqual(BY_NAME.get('domains.cfg')?.schema['x-pbs-builtins'], { pam: ['pam'], pbs: ['pbs'] });
  assert.deepEqual(BY_NAME.get('notifications.cfg')?.schema['x-pbs-builtins'], {
    sendmail: ['mail-to-root'],
    matcher: ['default-matcher'],
  });
  assert.deepEqual(BY_NAME.get('acme/plugins.cfg')?.schema['x-pbs-builtins'], { standalone: ['standalone'] });
});

for (const fact of [...FACTS, ...LATER_FACTS]) {
  const label = `${fact.kind} ${fact.section ?? ''} ${fact.prop}: ${'required' in fact ? (fact.required ? 'required' : 'optional') : JSON.stringify(fact.has)}`;
  test(`fact: ${label}`, () => {
    const node = prop(fact.kind, fact.section, fact.prop);
    if ('required' in fact) {
      assert.equal(required(fact.kind, fact.section, fact.prop.split('.')[0]!), fact.required);
    } else {
      for (const [k, v] of Object.entries(fact.has)) assert.deepEqual(node[k], v, `${label}: ${k}`);
    }
  });
}

test('acl.cfg: roles and their privileges', () => {
  const acl = BY_NAME.get('acl.cfg')!.schema;
  const roles = acl['x-pbs-roles'] as Obj;
  const privs = acl['x-pbs-privileges'] as Obj;
  assert.equal(Object.keys(roles).length, 18);
  assert.equal(Object.keys(privs).length, 23);
  assert.equal((roles.Admin as Obj).privileges, 'all');
  assert.deepEqual((roles.NoAccess as Obj).privileges, []);
  assert.deepEqual((roles.DatastorePowerUser as Obj).privileges, ['Datastore.Prune', 'Datastore.Backup']);
  for (const r of Object.values(roles) as Obj[]) {
    if (Array.isArray(r.privileges)) for (const p of r.privileges) assert.ok(String(p) in privs, String(p));
  }
  const fieldRoles = ((acl['x-pbs-fields'] as Obj).roles as Obj).items as Obj;
  assert.deepEqual([...(fieldRoles.enum as string[])].sort(), Object.keys(roles).sort());
});
