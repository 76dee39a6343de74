// The seed corpus the fuzzers mutate: every file of the two example trees (clean and broken), as
// an admin would have them, with the file kind each is read as.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileKindOfPath } from '../../schema/file-kinds.ts';
import type { FileKind } from '../../schema/file-kinds.ts';

export interface Seed {
  /** Path relative to examples/, e.g. `broken/sync.cfg`. */
  name: string;
  kind: FileKind;
  text: string;
}

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export const SEEDS: readonly Seed[] = walk(EXAMPLES, []).flatMap((p) => {
  const kind = fileKindOfPath(p);
  return kind ? [{ name: relative(EXAMPLES, p), kind, text: readFileSync(p, 'utf8') }] : [];
});
