// fast-check arbitraries for damaged PBS files: a seed from the corpus with a few admin-style and
// byte-level mutations applied (lines inserted, deleted, duplicated, swapped, re-indented; the
// file truncated; CR, NUL, a BOM, lone surrogates — what non-UTF-8 bytes decode to —, very long
// lines and unterminated quotes injected). Shrinking works on the mutation list, so a failure
// shrinks to the seed and the one or two mutations that matter.
import fc from 'fast-check';
import { SEEDS, type Seed } from './corpus.ts';

export type Mutation =
  | { op: 'insert-line'; at: number; line: string }
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'flip-indent'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'inject'; at: number; text: string };

/** Fragments PBS files are made of, and fragments that break them. */
const FRAGMENTS = [
  '\t', ' ', '\r', '\r\n', '\n', '\n\n', '\0', '\uFEFF', '\uFFFD', '\ud800', '\udc00', '"', '\\', ',', '=', ':', '#', ' #',
  'datastore: ', 'sync: ', 'user: ', 'token: ', 'remote: ', 'acl:1:/datastore/store1:root@pam:Admin',
  '\tpath /mnt/x', '\tkeep-last 0', '\tschedule daily', '\tschedule mon..fri 02:00', '\tgc-schedule 24:00',
  '\tstore store1', '\tremote nowhere', '\tmaintenance-mode type=read-only,message="half', '\ttuning chunk-order=none,gc-atime-safety-check=1',
  '\trate-in 10MB', '\tburst-in 1.5GiB', '\texpire 0', '\tcomment a "quoted', '\tenable fals', 'x'.repeat(5000),
  '\u00e4\u00f6\u00fc', '\u{1F600}', 'prune: ', 'verification: ', 'lto: drive0', 'changer: ch0',
];

const text = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12, unit: 'binary' }), fc.string({ maxLength: 40 }));
const pos = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert-line' as const), at: pos, line: text }),
  fc.record({ op: fc.constant('delete-line' as const), at: pos }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: pos }),
  fc.record({ op: fc.constant('swap-lines' as const), at: pos, with: pos }),
  fc.record({ op: fc.constant('flip-indent' as const), at: pos }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
  fc.record({ op: fc.constant('inject' as const), at: pos, text }),
);

export function applyMutation(src: string, m: Mutation): string {
  const lines = src.split('\n');
  const n = lines.length;
  switch (m.op) {
    case 'insert-line':
      lines.splice(m.at % (n + 1), 0, m.line);
      return lines.join('\n');
    case 'delete-line':
      lines.splice(m.at % n, 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = m.at % n;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const i = m.at % n;
      const j = m.with % n;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'flip-indent': {
      const i = m.at % n;
      const l = lines[i];
      lines[i] = l.startsWith('\t') ? l.slice(1) : l.startsWith(' ') ? `\t${l.trimStart()}` : `\t${l}`;
      return lines.join('\n');
    }
    case 'truncate':
      return src.slice(0, m.at % (src.length + 1));
    case 'inject': {
      const at = m.at % (src.length + 1);
      return src.slice(0, at) + m.text + src.slice(at);
    }
  }
}

export interface FuzzFile {
  seed: Seed;
  text: string;
  mutations: Mutation[];
}

export const seed: fc.Arbitrary<Seed> = fc.constantFrom(...SEEDS);

/** A corpus file with 0–8 mutations. */
export const mutatedFile: fc.Arbitrary<FuzzFile> = fc
  .tuple(seed, fc.array(mutation, { maxLength: 8 }))
  .map(([s, ms]) => ({ seed: s, mutations: ms, text: ms.reduce(applyMutation, s.text) }));

/** A corpus file repeated up to ~100 KB, then mutated: the size the parse-time budget is about. */
export const bigMutatedFile: fc.Arbitrary<FuzzFile> = fc
  .tuple(seed, fc.integer({ min: 1, max: 100 }), fc.array(mutation, { maxLength: 6 }))
  .map(([s, times, ms]) => {
    const copies = Math.max(1, Math.min(times, Math.floor(100_000 / Math.max(1, s.text.length + 1))));
    const big = Array.from({ length: copies }, () => s.text).join('\n');
    return { seed: s, mutations: ms, text: ms.reduce(applyMutation, big).slice(0, 100_000) };
  });
