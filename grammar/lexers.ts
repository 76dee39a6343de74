// How the grammars make their Chevrotain lexers and parsers cheap to set up: start-character hints
// of a few hundred entries instead of 65,536, and construction on first use, so that a run that
// never reads a kind of text (a property string, a time span, an acl.cfg …) does not build its lexer.

import { Lexer, type IMultiModeLexerDefinition, type TokenType } from 'chevrotain';

/** Code units below this have a slot of their own in Chevrotain's first-character table. */
const OWN_SLOTS = 256;
/** Width of the table's shared slots above: code unit c ≥ 256 goes to slot 255 + ⌊c / 255⌋. */
const BUCKET = 255;

/** Inclusive ranges of UTF-16 code units, ascending and apart. */
export type CodeUnitRanges = readonly (readonly [first: number, last: number])[];

/**
 * A `start_chars_hint` for a token that can start with exactly the code units in `ranges`.
 *
 * Chevrotain reads a hint only to put the token on the candidate list of each first-character slot
 * a hint entry falls in (`charCodeToOptimizedIndex` and `analyzeTokenTypes` in
 * chevrotain/lib/src/scan/lexer.js): one slot per code unit below 256, and one per bucket of 255
 * code units above. So the code units below 256 are listed one by one and, above, one code unit
 * per bucket stands for it: the same candidate lists as the list of every code unit
 * (test/unit/grammar/lexer-hints.test.ts lexes every code unit with both), without walking tens of
 * thousands of entries at every start.
 */
export function startCharsHint(ranges: CodeUnitRanges): number[] {
  const hint: number[] = [];
  let lastSlot = -1;
  for (const [first, last] of ranges) {
    for (let c = first; c <= last; ) {
      const bucket = Math.floor(c / BUCKET);
      const slot = c < OWN_SLOTS ? c : OWN_SLOTS - 1 + bucket;
      if (slot !== lastSlot) hint.push(c);
      lastSlot = slot;
      c = c < OWN_SLOTS ? c + 1 : (bucket + 1) * BUCKET;
    }
  }
  return hint;
}

/** `make()`, called once on first use. */
export function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** A lexer's tokens (first match wins), or its modes. */
export type LexerDefinition = TokenType[] | IMultiModeLexerDefinition;

/** Every definition given to {@link lazyLexer}: test/unit/grammar/lexer-hints.test.ts checks each. */
export const LEXER_DEFINITIONS: LexerDefinition[] = [];

/**
 * A lexer made on first use; offsets only (the grammars need no line numbers). Chevrotain's checks
 * of a definition (unreachable or empty-matching patterns, unknown modes …) are for whoever writes
 * it: the unit test runs them on every definition; at every start they cost ~1.5 ms in all.
 */
export function lazyLexer(definition: LexerDefinition): () => Lexer {
  LEXER_DEFINITIONS.push(definition);
  return onFirstUse(() => new Lexer(definition, { positionTracking: 'onlyOffset', skipValidations: true }));
}
