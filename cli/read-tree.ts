// Reads the PBS files a command was given (lint, calendar, prune): regular files only, each
// capped, all together capped; a file that cannot be read is reported, never a hang or an
// exhausted heap, and the others are still read. The texts only: lint puts them into a workspace
// (Workspace.of), the calendar parses just its jobs (so it loads no schema).
import { isAscii } from 'node:buffer';
import { invalidUtf8Problem, type Problem } from '../service/light.ts';
import type { FileText } from '../service/jobs.ts';
import { FileReadError, READ_LIMITS, fileErrorReason, readRegularFileSync, sizeWords } from '../core/fs/read-file.ts';
import type { LintTarget } from './lint-files.ts';

/**
 * The most read in one run, all files together: far above any real PBS configuration (a few
 * MiB), and within the 400 MB a run may take: 16 + 12 MiB of sync jobs took 418 MB with JSON
 * output, 20 MiB about 300 MB (see also READ_LIMITS.configFile).
 */
export const MAX_TREE_BYTES = 20 * 1024 * 1024;

export interface ReadTree {
  /** The texts read, in the order given. */
  files: FileText[];
  /** The files read, in the order given, with the problem of their encoding if it is not UTF-8. */
  loaded: { display: string; path: string; encoding: Problem | undefined }[];
  /** Files not read, in the order given: given by name but no PBS file kind, or unreadable (with why). */
  skipped: ({ display: string; why: 'unknown-kind' } | { display: string; why: 'unreadable'; reason: string })[];
}

/**
 * The text of UTF-8 bytes. Bytes that are all ASCII read the same as Latin-1, and Node keeps a big
 * Latin-1 text outside the JavaScript heap (an external string): a 7 MB file then is not a 7 MB
 * object in the heap the collector sizes itself by (a lint of a 50k-section user.cfg did one full
 * collection less).
 */
export function decodeUtf8(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Reads `targets` (only those `wanted` says, default all). */
export async function readTree(targets: readonly LintTarget[], wanted: (t: LintTarget) => boolean = () => true): Promise<ReadTree> {
  const tree: ReadTree = { files: [], loaded: [], skipped: [] };
  let budget = MAX_TREE_BYTES;
  for (const t of targets) {
    if (!t.kind) {
      tree.skipped.push({ display: t.display, why: 'unknown-kind' });
      continue;
    }
    if (!wanted(t)) continue;
    let bytes: Buffer;
    try {
      bytes = readRegularFileSync(t.absolute, { maxBytes: Math.min(READ_LIMITS.configFile, budget) });
    } catch (err) {
      const overBudget = err instanceof FileReadError && err.code === 'too-large' && budget < READ_LIMITS.configFile;
      tree.skipped.push({
        display: t.display,
        why: 'unreadable',
        reason: overBudget ? `the files before it already take up most of the ${sizeWords(MAX_TREE_BYTES)} read in one run; give it on its own` : fileErrorReason(err, t.absolute),
      });
      continue;
    }
    budget -= bytes.length;
    const text = decodeUtf8(bytes);
    tree.files.push({ path: t.absolute, kind: t.kind, text });
    tree.loaded.push({ display: t.display, path: t.absolute, encoding: invalidUtf8Problem(bytes, text) });
  }
  return tree;
}
