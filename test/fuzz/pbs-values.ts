// Values an admin (or a typo, an editor, a script) puts into PBS files, by schema shape: the
// boundaries of integers (and of the Rust integer types behind them), boolean spellings, enum
// typos and unknown words, strings one character too long, characters a format refuses, property
// strings with a member too many or too few, base64 secrets that do not decode. Used by the
// differential conformance run (scripts/conformance.ts), which compares PBS's verdict on them
// with ours.
import type { PbsSchema } from '../../schema/registry.ts';

/** A small deterministic random source (mulberry32): the same seed gives the same files. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Samples per format: some PBS takes, some it refuses (the conformance run finds out which). */
const FORMAT_SAMPLES: Record<string, string[]> = {
  'calendar-event': ['daily', 'weekly', 'monthly', 'hourly', 'mon..fri 02:00', '*:0/15', 'sat 03:00', '2024-01-01', '*-*-1 00:00', 'sun 3', '24:00', 'daily 25:00', 'mon-fri', 'fri..mon', '*/5', ':', 'minutely', 'quarterly', 'mon,,tue', 'Mon 2:00', '0/2:00', 'yearly', '2:60', 'tue..thu,sat 1..3:00'],
  'human-byte': ['10MiB', '10 MiB', '1.5GiB', '10MB', '1024', '0', '-1', '10XB', '10 mib', '1e3', '10 KB', '1.5 B', '18446744073709551616', '1.', '.5K', '10 M', '10m', '10 KiB/s', '1 TiB'],
  'safe-id': ['a', 'ab', 'abc', 'a.b', '-ab', 'a_b', 'a b', 'ä', 'x'.repeat(33), 'a..b', '.ab', 'store1', '_x', 'a-', 'A1'],
  'backup-namespace': ['', 'a/b', 'a//b', '/a', 'a/', 'a/b/c/d/e/f/g/h', 'a/b/c/d/e/f/g', 'ns 1', 'ns.1', 'x'.repeat(32), 'x'.repeat(33)],
  'sha256-fingerprint': [
    '07:0b:f9:b2:9e:5d:c6:63:ab:3f:25:8b:91:d7:a9:15:86:0a:90:d4:be:9d:b4:5f:c9:d8:d5:1f:a9:e0:ec:d9',
    '07:0B:F9:B2:9E:5D:C6:63:AB:3F:25:8B:91:D7:A9:15:86:0A:90:D4:BE:9D:B4:5F:C9:D8:D5:1F:A9:E0:EC:D9',
    '07:0b:f9:b2:9e:5d:c6:63:ab:3f:25:8b:91:d7:a9:15:86:0a:90:d4:be:9d:b4:5f:c9:d8:d5:1f:a9:e0:ec',
    '070bf9b29e5dc663ab3f258b91d7a915860a90d4be9db45fc9d8d51fa9e0ecd9',
    '07:0b:f9:b2:9e:5d:c6:63:ab:3f:25:8b:91:d7:a9:15:86:0a:90:d4:be:9d:b4:5f:c9:d8:d5:1f:a9:e0:ec:dz',
  ],
  'user-id': ['root@pam', 'a@b', 'root', '@pam', 'a@pam!t', `${'x'.repeat(60)}@pam`, 'ab@pbs', 'user name@pbs', 'ü@pbs', 'a@p', 'a@pam '],
  'auth-id': ['a@pbs!t1', 'a@pbs!', 'a@pbs', 'a@pbs!t 1', 'a@pbs!t.1', `a@pbs!${'t'.repeat(40)}`, '!t@pbs', 'a@pbs!!t'],
  uuid: ['a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607', 'A3F1C2D4-5B6E-4F70-8A91-B2C3D4E5F607', 'a3f1c2d45b6e4f708a91b2c3d4e5f607', 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f60', 'sda1'],
  'dns-name-or-ip': ['1.2.3.4', '::1', '[::1]', 'a_b', 'host.', '-a', 'pbs.example.org', '256.1.1.1', 'fe80::1%eth0', 'a..b', 'x'.repeat(64)],
  'host-port': ['h:8089', 'h', '[::1]:80', 'h:99999', ':80', '1.2.3.4:8089', 'h:0', 'h:-1', '::1:80'],
  'http-url': ['http://a', 'https://a:8086', 'ftp://x', 'a', 'https://influx.example.org:8086/', 'http://[::1]:80', 'https://'],
  's3-endpoint': ['s3.example.org', '{{bucket}}.s3.example.org', 'https://s3.example.org', 's3 host', 'minio:9000'],
  's3-region': ['us-east-1', 'x y', 'eu_west', 'a', 'x'.repeat(40)],
  cidr: ['10.0.0.0/8', '10.0.0.1/33', '::/0', 'fe80::/129', '10.0.0.0', '192.168.1.0/24', '10.0.0.0/-1', '2001:db8::/32'],
  'daily-duration': ['mon..fri 8:00-17:00', '8-17', '25:00-26:00', '8:00-17:00', 'sat', 'mon 8-', '08:00-08:00'],
  'group-filter': ['type:vm', 'group:vm/100', 'regex:^vm', 'exclude:type:ct', 'type:bogus', 'regex:(', 'foo', 'include:group:ct/101', 'group:vm', 'exclude:regex:[a'],
  'media-set-policy': ['continue', 'always', 'daily', 'bogus', 'mon 02:00', ''],
  'media-retention-policy': ['overwrite', 'keep', '14d', '1 week', 'bogus', '2 weeks 3 days', ''],
  'single-line-comment': ['a\tb', 'a\u0001b', 'x'.repeat(129), 'x'.repeat(128), 'ümlaut', 'a\u007fb', 'a\u0085b', 'a\u2028b', 'quote "x"', ''],
  'generic-uri': ['/dev/sda', 'smtp://x', ''],
};

/** Strings that decode or fail to decode as base64 (remote.cfg `password`, ACME plugin `data`). */
function base64Samples(rng: Rng): string[] {
  const bytes = Array.from({ length: 1 + rng.int(20) }, () => rng.int(256));
  const raw = Buffer.from(bytes).toString('base64');
  const text = Buffer.from('token=' + 'ä'.repeat(rng.int(3)) + 'x'.repeat(rng.int(9)), 'utf8').toString('base64');
  return [
    'YWJj', 'YWI', 'YWI=', 'YQ==', 'YQ', 'YWJ', 'YW==', 'Y', 'YWJj=', 'YWJj====', '/w==', '/w', '!!!!', 'YW Jj', '-_8=', 'Y===', '',
    raw, raw.replace(/=+$/, ''), text, text.replace(/=+$/, ''), text.slice(0, -1), `${text}=`, text.replace(/\+/g, '-').replace(/\//g, '_'),
  ];
}

const INTEGER_EDGES = ['0', '-1', '1', '+5', '05', '1.5', '1e3', '0x1f', 'abc', '', '5abc', '-0', '\u0661\u0662', '1_000', '2147483648', '4294967296', '65535', '65536', '70000', '9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551616'];
const BOOLEANS = ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 'TRUE', 'Yes', 'oFF', 'enabled', 'y', 't', '2', '', 'truee', 'false false'];
const JUNK_CHARS = [' ', ',', '=', ':', '/', '\t', '\u0001', '\u007f', 'ä', '\u2028', '"', '..', ';', '@', '!', '\u00a0', '\u0085', '\r'];

/** Typos of a word: a letter dropped, doubled, swapped, upper-cased, or a word PBS never used. */
export function typo(rng: Rng, word: string): string {
  if (word.length === 0) return 'x';
  const i = rng.int(word.length);
  switch (rng.int(6)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : `${word}s`;
    case 3:
      return word.toUpperCase();
    case 4:
      return `${word[0]!.toUpperCase()}${word.slice(1)}`;
    default:
      return rng.pick(['bogus', 'x', 'unknown', 'default', 'none', 'auto', 'a'.repeat(1 + rng.int(40))]);
  }
}

/** A string broken the way formats break: a junk character in it, cut, doubled, empty, too long. */
function brokenString(rng: Rng, s: string, sc: PbsSchema): string {
  switch (rng.int(6)) {
    case 0: {
      const at = rng.int(s.length + 1);
      return s.slice(0, at) + rng.pick(JUNK_CHARS) + s.slice(at);
    }
    case 1:
      return s.slice(0, rng.int(s.length + 1));
    case 2:
      return s + s;
    case 3:
      return sc.maxLength !== undefined ? 'x'.repeat(sc.maxLength + rng.pick([0, 1])) : 'x'.repeat(rng.pick([256, 4097, 65]));
    case 4:
      return sc.minLength !== undefined ? 'x'.repeat(Math.max(0, sc.minLength - rng.pick([0, 1]))) : '';
    default:
      return typo(rng, s);
  }
}

export interface ValueContext {
  rng: Rng;
  /** Values seen for this property in the seed files (any section type of any kind). */
  seen: readonly string[];
  /** The property's name (secrets by name: remote.cfg `password`, ACME `data`). */
  key: string;
}

/** A value for a property of schema `sc`: often valid, often just not. */
export function valueFor(sc: PbsSchema, ctx: ValueContext): string {
  const { rng, seen } = ctx;
  if (seen.length > 0 && rng.chance(0.2)) return rng.pick(seen);
  if ((ctx.key === 'password' || ctx.key === 'data') && sc.type === 'string' && rng.chance(0.8)) return rng.pick(base64Samples(rng));
  if (sc.type === 'array' && sc.items) {
    const n = rng.pick([0, 1, 2, 3]);
    const items = Array.from({ length: n }, () => valueFor(sc.items!, { ...ctx, seen: [] }));
    return items.join(rng.pick([',', ',', ';', ' ', ', ']));
  }
  if (sc['x-pbs-property-string'] || sc.type === 'object') return propertyStringFor(sc, ctx);
  if (sc.type === 'boolean') return rng.pick(BOOLEANS);
  if (sc.type === 'integer' || sc.type === 'number') return integerFor(sc, rng);
  if (Array.isArray(sc.enum)) {
    const values = sc.enum.map(String);
    const v = rng.pick(values);
    return rng.pick([v, v, typo(rng, v), 'bogus', '', 'x'.repeat(rng.int(64)), `${v} ${v}`, v.toUpperCase()]);
  }
  const samples = (sc.format && FORMAT_SAMPLES[sc.format]) || [];
  const pool = [...samples, ...seen];
  const base = pool.length > 0 ? rng.pick(pool) : rng.pick(['x', 'value', 'a b c', '/some/path', '']);
  return rng.chance(0.6) ? base : brokenString(rng, base, sc);
}

function integerFor(sc: PbsSchema, rng: Rng): string {
  const edges = [...INTEGER_EDGES];
  for (const b of [sc.minimum, sc.maximum]) if (b !== undefined) edges.push(String(b - 1), String(b), String(b + 1));
  const rust = sc['x-pbs-rust-type'];
  const bits: Record<string, [number, number]> = { u8: [0, 255], u16: [0, 65535], u32: [0, 4294967295], i32: [-2147483648, 2147483647], u64: [0, Number.MAX_SAFE_INTEGER] };
  if (typeof rust === 'string' && bits[rust]) for (const b of bits[rust]!) edges.push(String(b - 1), String(b), String(b + 1));
  if (rng.chance(0.3)) {
    const lo = sc.minimum ?? 0;
    const hi = sc.maximum ?? lo + 1000;
    return String(lo + rng.int(Math.max(1, Math.min(hi - lo + 1, 1e9))));
  }
  return rng.pick(edges);
}

/** Splits `a=1,b="x,y",c` into entries (quotes kept), as far as a mutation needs it. */
export function splitEntries(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function propertyStringFor(sc: PbsSchema, ctx: ValueContext): string {
  const { rng } = ctx;
  const members = sc.properties ?? {};
  const names = Object.keys(members);
  const base = ctx.seen.length > 0 && rng.chance(0.7) ? rng.pick(ctx.seen) : '';
  let entries = base === '' ? [] : splitEntries(base);
  if (entries.length === 0 || rng.chance(0.3)) {
    // a fresh value: the required members, and a few others
    entries = [];
    for (const n of names) {
      if (sc.required?.includes(n) || rng.chance(0.3)) entries.push(`${n}=${valueFor(members[n]!, { rng, seen: [], key: n })}`);
    }
  }
  const times = 1 + rng.int(2);
  for (let t = 0; t < times; t++) {
    const i = rng.int(entries.length + 1);
    switch (rng.int(10)) {
      case 0: // an unknown member
        entries.splice(i, 0, `${rng.pick(names.length ? names.map((n) => typo(rng, n)) : ['foo'])}=1`);
        break;
      case 1: // a member dropped
        entries.splice(i, 1);
        break;
      case 2: // a member repeated
        if (entries[i] !== undefined) entries.splice(i, 0, entries[i]!);
        break;
      case 3: // a member given an empty value, or none at all
        if (entries[i] !== undefined) entries[i] = rng.chance(0.5) ? `${entries[i]!.split('=')[0]}=` : entries[i]!.split('=')[0]!;
        break;
      case 4: // stray commas and blanks
        entries.splice(i, 0, rng.pick(['', ' ', '']));
        break;
      case 5: // the default key's value given without its name
        if (sc['x-pbs-default-key'] && entries[i]?.startsWith(`${sc['x-pbs-default-key']}=`)) entries[i] = entries[i]!.slice(sc['x-pbs-default-key'].length + 1);
        break;
      case 6: // quoting
        if (entries[i] !== undefined && entries[i]!.includes('=')) {
          const [k, ...v] = entries[i]!.split('=');
          entries[i] = `${k}=${rng.pick([`"${v.join('=')}"`, `"${v.join('=')}`, `${v.join('=')}"`, `"a,b"`, `"a\\"b"`])}`;
        }
        break;
      default: {
        // one member's value replaced by a value for its schema (valid or not)
        const name = rng.pick(names.length ? names : ['type']);
        const member = members[name] ?? { type: 'string' };
        const j = entries.findIndex((e) => e.split('=')[0] === name);
        const entry = `${name}=${valueFor(member, { rng, seen: [], key: name })}`;
        if (j >= 0) entries[j] = entry;
        else entries.splice(i, 0, entry);
      }
    }
  }
  return entries.join(',');
}
