// Lexers compared on every UTF-16 code unit at the start of a line (test/unit/grammar/lexer-hints,
// test/cli/bundle-trims): the first place where two lexers read a text differently.
import type { Lexer } from 'chevrotain';

/** Lines that start with each code unit in turn, with rests that let every kind of line match. */
export function everyLineStart(before: string): string {
  const parts: string[] = [];
  for (const rest of ['rest:\n', 'acl:1:/:root@pam:Admin\n', '# x\n', 'k v\n', ': v\n']) {
    for (let c = 0; c < 0x10000; c++) parts.push(before, String.fromCharCode(c), rest);
  }
  return parts.join('');
}

/** The first place where two lexers lex `text` differently, or undefined. */
export function firstDifference(a: Pick<Lexer, 'tokenize'>, b: Pick<Lexer, 'tokenize'>, text: string): string | undefined {
  const ra = a.tokenize(text);
  const rb = b.tokenize(text);
  const n = Math.max(ra.tokens.length, rb.tokens.length);
  for (let i = 0; i < n; i++) {
    const ta = ra.tokens[i];
    const tb = rb.tokens[i];
    if (ta?.tokenType.name !== tb?.tokenType.name || ta?.image !== tb?.image || ta?.startOffset !== tb?.startOffset) {
      const at = ta?.startOffset ?? tb?.startOffset ?? 0;
      return `token ${i} at ${at} (code unit ${text.charCodeAt(at).toString(16)}): ${ta?.tokenType.name} ${JSON.stringify(ta?.image)} vs ${tb?.tokenType.name} ${JSON.stringify(tb?.image)}`;
    }
  }
  const errors = (r: typeof ra) => r.errors.map((e) => `${e.offset}+${e.length}`).join(' ');
  if (errors(ra) !== errors(rb)) return `errors differ: ${errors(ra).slice(0, 200)} vs ${errors(rb).slice(0, 200)}`;
  return undefined;
}
