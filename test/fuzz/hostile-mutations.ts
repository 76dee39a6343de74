// fast-check arbitraries for the hostile classes of issue 12, on top of the corpus mutations:
// deep JSON nesting, separator floods (commas, semicolons, colons in property strings and acl.cfg
// lists), escape bytes (ESC, BEL, C1 controls) in ids, values and comments, and very long lines.
// Each is a repetition injected at an offset or appended to a line (where values live), so a
// failure shrinks to the seed, the fragment and a small count.
import fc from 'fast-check';
import { applyMutation, mutation, seed, type FuzzFile, type Mutation } from './mutations.ts';

export type HostileMutation =
  | Mutation
  /** `text` repeated `times`, at offset `at` (`line: false`) or at the end of line `at` (`line: true`). */
  | { op: 'repeat'; at: number; line: boolean; text: string; times: number };

/** Separators that multiply entries, items or fields. */
const SEPARATORS = [',', ';', ':', ' ,', ',,', '=,', 'a=1,', 'x,', '@pbs,', '\t', ' '];
/** Openers of JSON nesting, and what unbalances it. */
const NESTING = ['[', '{"a":', '[{"k":', '"[', ']', '\\"['];
/** What a terminal would act on: ESC sequences, BEL, C1 controls (CSI, NEL, OSC), DEL. */
const CONTROLS = ['\x1b[2J', '\x1b]0;t\x07', '\x07', '\u009b31m', '\u0085', '\u009d', '\x7f', '\x1b', '\x08', '\x00'];
/** What long lines are made of. */
const LONG = ['x', 'a', '"', '\\a', '0', '/a'];

const position = fc.nat({ max: 1_000_000 });

export const hostileMutation: fc.Arbitrary<HostileMutation> = fc.oneof(
  // floods: thousands of separators, on a value's line or anywhere
  fc.record({ op: fc.constant('repeat' as const), at: position, line: fc.boolean(), text: fc.constantFrom(...SEPARATORS), times: fc.integer({ min: 500, max: 10_000 }) }),
  // deep nesting, far past serde_json's 128 levels
  fc.record({ op: fc.constant('repeat' as const), at: position, line: fc.boolean(), text: fc.constantFrom(...NESTING), times: fc.integer({ min: 100, max: 5_000 }) }),
  // escape bytes, a few at a time
  fc.record({ op: fc.constant('repeat' as const), at: position, line: fc.boolean(), text: fc.constantFrom(...CONTROLS), times: fc.integer({ min: 1, max: 3 }) }),
  // very long lines
  fc.record({ op: fc.constant('repeat' as const), at: position, line: fc.boolean(), text: fc.constantFrom(...LONG), times: fc.integer({ min: 10_000, max: 100_000 }) }),
);

export function applyHostile(src: string, m: HostileMutation): string {
  if (m.op !== 'repeat') return applyMutation(src, m);
  const block = m.text.repeat(m.times);
  if (!m.line) {
    const at = m.at % (src.length + 1);
    return src.slice(0, at) + block + src.slice(at);
  }
  const lines = src.split('\n');
  const i = m.at % lines.length;
  lines[i] += block;
  return lines.join('\n');
}

export interface HostileFile extends Omit<FuzzFile, 'mutations'> {
  mutations: HostileMutation[];
}

/** A corpus file with one to three hostile mutations and up to three ordinary ones. */
export const hostileFile: fc.Arbitrary<HostileFile> = fc
  .tuple(seed, fc.array(hostileMutation, { minLength: 1, maxLength: 3 }), fc.array(mutation, { maxLength: 3 }))
  .map(([s, hostile, ordinary]) => {
    const mutations: HostileMutation[] = [...ordinary, ...hostile];
    return { seed: s, mutations, text: mutations.reduce(applyHostile, s.text) };
  });
