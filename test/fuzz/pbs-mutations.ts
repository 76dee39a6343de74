// PBS-aware mutations of section-config files for the differential conformance run
// (scripts/conformance.ts): they know the kind's section types and property schemas, so they
// change what PBS's parser and its typed loading look at — values at and beyond their limits,
// enum typos, bad ids and types, property-string members, repeated, missing and unknown keys,
// line endings (CR, CRLF, CR CR LF), indentation characters, base64 secrets, non-UTF-8 bytes —
// rather than random bytes. The generic fuzz mutations (mutations.ts) are mixed in too.
import fc from 'fast-check';
import { sectionSchema, sectionTypes, type PbsSchema } from '../../schema/registry.ts';
import { fileKindByName } from '../../schema/file-kinds.ts';
import { SEEDS, type Seed } from './corpus.ts';
import { applyMutation, mutation } from './mutations.ts';
import { Rng, typo, valueFor } from './pbs-values.ts';

/** The section-config kinds PBS's reference build (pbs-verdict) covers. */
export const COVERED_KINDS = [
  'acme/plugins.cfg', 'datastore.cfg', 'domains.cfg', 'encryption-keys.cfg', 'media-pool.cfg', 'metricserver.cfg', 'prune.cfg',
  'remote.cfg', 's3.cfg', 'sync.cfg', 'tape-job.cfg', 'tape.cfg', 'traffic-control.cfg', 'user.cfg', 'verification.cfg',
] as const;

function synthetic(kind: string, text: string): Seed {
  return { name: `synthetic/${kind}`, kind: fileKindByName(kind)!, text };
}

/** Section types the example trees lack, as PBS writes them (each accepted by PBS's parser). */
const EXTRA_SEEDS: Seed[] = [
  synthetic('acme/plugins.cfg', 'standalone: standalone\n\ndns: cf-dns\n\tapi cf\n\tdata Q0ZfVG9rZW49eHl6Cg\n\tdisable false\n\tvalidation-delay 30\n'),
  synthetic(
    'domains.cfg',
    'pam: pam\n\ttype pam\n\tcomment Linux PAM\n\tdefault true\n\npbs: pbs\n\ttype pbs\n\tcomment Proxmox Backup authentication server\n\n' +
      'ad: corp-ad\n\tbase-dn dc=example,dc=com\n\tbind-dn cn=pbs,ou=svc,dc=example,dc=com\n\tmode ldap+starttls\n\tport 389\n' +
      '\tserver1 dc1.example.com\n\tserver2 dc2.example.com\n\tsync-defaults-options enable-new=false,remove-vanished=entry\n\tverify true\n',
  ),
  synthetic(
    'encryption-keys.cfg',
    'sync-key: offsite-key\n\tcreated 1741939613\n\tfingerprint 2d:20:a9:6f:a2:08:01:00:a1:c3:64:0f:ef:25:9a:73:c1:0a:af:b6:fb:f1:b8:17:58:6a:6f:fe:e4:1f:f5:f5\n' +
      '\thint the usual one\n\tkdf scrypt\n\tmodified 1741939613\n\tpath /etc/proxmox-backup/encryption-keys/offsite-key.enc\n\n' +
      'sync-key: old-key\n\tarchived-at 1767225600\n\tcreated 1700000000\n\tkdf none\n\tmodified 1700000000\n',
  ),
  synthetic('tape.cfg', 'virtual: vdrive0\n\tmax-size 100\n\tpath /var/tape/vdrive0\n'),
];

/** Seeds per covered kind: the example files (clean and broken) and the synthetic ones. */
export function seedsOf(kind: string): { clean: Seed[]; broken: Seed[] } {
  const all = [...SEEDS, ...EXTRA_SEEDS].filter((s) => s.kind.name === kind);
  return { clean: all.filter((s) => !s.name.startsWith('broken/')), broken: all.filter((s) => s.name.startsWith('broken/')) };
}

/** Every value seen per property name in the seeds (any kind): the realistic values to start from. */
const SEEN = new Map<string, string[]>();
for (const s of [...SEEDS, ...EXTRA_SEEDS]) {
  if (s.kind.family !== 'section-config') continue;
  for (const m of s.text.matchAll(/^[\t ]+([a-z0-9-]+)[\t ]+(.*?)\r?$/gm)) {
    const list = SEEN.get(m[1]!) ?? [];
    if (!list.includes(m[2]!)) list.push(m[2]!);
    SEEN.set(m[1]!, list);
  }
}

interface SectionInfo {
  type: string;
  header: number;
  props: number[];
}

function sectionsOf(lines: string[]): SectionInfo[] {
  const out: SectionInfo[] = [];
  let cur: SectionInfo | undefined;
  lines.forEach((l, i) => {
    const h = /^([A-Za-z][^:\s]*)\s*:/.exec(l);
    if (h) {
      cur = { type: h[1]!, header: i, props: [] };
      out.push(cur);
    } else if (/^\s*$/.test(l)) cur = undefined;
    else if (cur && /^\s/.test(l)) cur.props.push(i);
  });
  return out;
}

const ID_SAMPLES = ['a', 'ab', 'abc', 'x'.repeat(32), 'x'.repeat(33), 'a b', 'a.b', '-ab', 'ä-store', 'a_b', 'root@pam', 'a@pbs!t1', 'a@pbs!', '@pam', 'a@p', 'ab@pbs!t 1', ''];
const INDENTS = [' ', '  ', '\t\t', '\u00a0', '\u3000', '\u0085', '\u000b', '\u000c', '\u2028', '\t '];

/** One PBS-aware mutation of `text`; returns the new text and the mutation's name. */
function mutateOnce(rng: Rng, kind: string, text: string): { text: string; op: string } {
  const lines = text.split('\n');
  const sections = sectionsOf(lines);
  const s = sections.length > 0 ? rng.pick(sections) : undefined;
  const schema = s ? sectionSchema(kind, s.type) : undefined;
  const props = schema?.properties ?? {};
  const names = Object.keys(props);
  const propLine = s && s.props.length > 0 ? rng.pick(s.props) : undefined;
  const join = () => lines.join('\n');
  const op = rng.pick(['value', 'value', 'value', 'value', 'add', 'add', 'unknown-key', 'repeat-key', 'drop-line', 'id', 'type', 'id-property', 'line-end', 'indent', 'no-blank', 'blank-line', 'header', 'secret', 'value-blank', 'key-case']);
  switch (op) {
    case 'value': {
      if (propLine === undefined) break;
      const key = /^\s*(\S+)/.exec(lines[propLine]!)?.[1] ?? '';
      const sc: PbsSchema = props[key] ?? { type: 'string' };
      lines[propLine] = `\t${key} ${valueFor(sc, { rng, seen: SEEN.get(key) ?? [], key })}`;
      return { text: join(), op: `value:${sc.type === 'array' ? 'array' : sc.enum ? 'enum' : sc['x-pbs-property-string'] ? 'property-string' : (sc.format ?? sc.type)}` };
    }
    case 'add': {
      if (!s || names.length === 0) break;
      const key = rng.pick(names);
      lines.splice(s.header + 1 + rng.int(s.props.length + 1), 0, `\t${key} ${valueFor(props[key]!, { rng, seen: SEEN.get(key) ?? [], key })}`);
      return { text: join(), op: 'add-property' };
    }
    case 'unknown-key': {
      if (!s) break;
      const key = names.length > 0 && rng.chance(0.7) ? typo(rng, rng.pick(names)) : rng.pick(['#', 'foo', 'Path', 'comment:', 'name', 'type', 'digest']);
      lines.splice(s.header + 1 + rng.int(s.props.length + 1), 0, `\t${key} x`);
      return { text: join(), op: 'unknown-key' };
    }
    case 'repeat-key': {
      if (propLine === undefined) break;
      const key = /^\s*(\S+)/.exec(lines[propLine]!)?.[1] ?? '';
      const again = rng.chance(0.5) ? lines[propLine]! : `\t${key} ${valueFor(props[key] ?? { type: 'string' }, { rng, seen: SEEN.get(key) ?? [], key })}`;
      lines.splice(propLine + 1, 0, again);
      return { text: join(), op: 'repeat-key' };
    }
    case 'drop-line': {
      if (propLine === undefined) break;
      lines.splice(propLine, 1);
      return { text: join(), op: 'drop-line' };
    }
    case 'id': {
      if (!s) break;
      const type = lines[s.header]!.split(':')[0]!;
      const id = lines[s.header]!.slice(type.length + 1).trim();
      lines[s.header] = `${type}: ${rng.chance(0.5) ? rng.pick(ID_SAMPLES) : typo(rng, id)}`;
      return { text: join(), op: 'section-id' };
    }
    case 'type': {
      if (!s) break;
      const types = sectionTypes(kind);
      const rest = lines[s.header]!.slice(lines[s.header]!.indexOf(':'));
      lines[s.header] = `${rng.chance(0.5) ? rng.pick(types) : typo(rng, s.type)}${rest}`;
      return { text: join(), op: 'section-type' };
    }
    case 'id-property': {
      if (!s || !schema) break;
      const idKey = schema['x-pbs-id-property'] ?? 'id';
      lines.splice(s.header + 1, 0, `\t${idKey} ${rng.pick(['other', 'x', '', 'a b'])}`);
      return { text: join(), op: 'id-property' };
    }
    case 'line-end': {
      const i = rng.int(lines.length);
      switch (rng.int(6)) {
        case 0:
          return { text: lines.join('\r\n'), op: 'crlf' };
        case 1:
          lines[i] += '\r\r';
          return { text: join(), op: 'cr-cr-lf' };
        case 2: {
          const l = lines[i]!;
          const at = 1 + rng.int(Math.max(1, l.length));
          lines[i] = l.slice(0, at) + '\r' + l.slice(at);
          return { text: join(), op: 'lone-cr' };
        }
        case 3:
          lines[i] += rng.pick([' ', '\t', ' \t ', '\u00a0', '\u3000', '\r \r']);
          return { text: join(), op: 'trailing-blank' };
        case 4:
          return { text: text.replace(/\n/g, '\r'), op: 'cr-only' };
        default:
          return { text: `${text.replace(/\n+$/, '')}\r`, op: 'cr-at-end' };
      }
    }
    case 'indent': {
      if (propLine === undefined) break;
      lines[propLine] = rng.pick(INDENTS) + lines[propLine]!.replace(/^\s+/, '');
      return { text: join(), op: 'indent' };
    }
    case 'no-blank': {
      if (propLine === undefined) break;
      const key = /^\s*(\S+)/.exec(lines[propLine]!)?.[1] ?? '';
      lines[propLine] = rng.chance(0.5) ? `\t${key}` : `\t${key} `;
      return { text: join(), op: 'key-without-value' };
    }
    case 'blank-line': {
      if (!s) break;
      lines.splice(s.header + 1 + rng.int(s.props.length + 1), 0, rng.pick(['', ' ', '\t', '\u00a0', '\r']));
      return { text: join(), op: 'blank-line' };
    }
    case 'header': {
      if (!s) break;
      const [type, ...rest] = lines[s.header]!.split(':');
      const id = rest.join(':').trim();
      const variants = [`${type} : ${id}`, `${type}:${id}`, ` ${type}: ${id}`, `${type}: ${id} `, `${type}:  ${id}`, `${type}: ${id}:x`];
      if (s.header > 0 && lines[s.header - 1] === '') {
        lines.splice(s.header - 1, 1);
        return { text: join(), op: 'no-blank-before-header' };
      }
      lines[s.header] = rng.pick(variants);
      return { text: join(), op: 'header-spacing' };
    }
    case 'value-blank': {
      // white space PBS trims (Unicode White_Space at the ends) or keeps (inside the value)
      if (propLine === undefined) break;
      const m = /^(\s*\S+)(\s+)(.*)$/.exec(lines[propLine]!);
      if (!m) break;
      const blank = rng.pick(['\u00a0', '\u3000', '\u0085', '\u000b', '\u000c', '\r', '\t', ' ', '\u2028', '\u200b', '\ufeff']);
      const value = m[3]!;
      const at = rng.int(value.length + 1);
      lines[propLine] = rng.pick([`${m[1]}${m[2]}${blank}${value}`, `${m[1]}${m[2]}${value}${blank}`, `${m[1]}${blank}${value}`, `${m[1]}${m[2]}${value.slice(0, at)}${blank}${value.slice(at)}`]);
      return { text: join(), op: 'value-blank' };
    }
    case 'key-case': {
      if (propLine === undefined) break;
      lines[propLine] = lines[propLine]!.replace(/^(\s*)(\S)/, (_, ws: string, c: string) => ws + c.toUpperCase());
      return { text: join(), op: 'key-case' };
    }
    case 'secret': {
      if (!s) break;
      const key = kind === 'remote.cfg' ? 'password' : kind === 'acme/plugins.cfg' ? 'data' : undefined;
      if (!key || !props[key]) break;
      const i = s.props.find((p) => lines[p]!.trimStart().startsWith(`${key} `));
      const line = `\t${key} ${valueFor(props[key]!, { rng, seen: [], key })}`;
      if (i !== undefined) lines[i] = line;
      else lines.splice(s.header + 1, 0, line);
      return { text: join(), op: 'base64-secret' };
    }
  }
  return { text, op: 'none' };
}

/** A generated test file: its bytes (UTF-8, except where a mutation put invalid bytes in) and what was done. */
export interface ConformanceCase {
  kind: string;
  seed: string;
  ops: string[];
  bytes: Buffer;
}

const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]];

/** A mutated file of `kind`, reproducible from `rng`'s state. */
export function conformanceCase(rng: Rng, kind: string): ConformanceCase {
  const { clean, broken } = seedsOf(kind);
  const seed = broken.length > 0 && rng.chance(0.15) ? rng.pick(broken) : rng.pick(clean);
  let text = seed.text;
  const ops: string[] = [];
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const r = mutateOnce(rng, kind, text);
    text = r.text;
    ops.push(r.op);
  }
  if (rng.chance(0.12)) {
    // the fuzzer's byte-level mutations, from a seed of ours
    for (const m of fc.sample(mutation, { numRuns: 1 + rng.int(2), seed: rng.int(2 ** 31) })) {
      text = applyMutation(text, m);
      ops.push(`fuzz:${m.op}`);
    }
  }
  let bytes = Buffer.from(text, 'utf8');
  if (rng.chance(0.01)) {
    const at = rng.int(bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(INVALID_UTF8)), bytes.subarray(at)]);
    ops.push('non-utf8');
  } else if (rng.chance(0.005)) {
    bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    ops.push('bom');
  }
  return { kind, seed: seed.name, ops, bytes };
}
