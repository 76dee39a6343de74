// Finds the PBS files named on the lint command line: files as given, directories walked for
// files recognized by their path (datastore.cfg, acme/plugins.cfg, …), unknown files skipped.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileKindOfPath, fileKindByName, type FileKind } from '../schema/file-kinds.ts';
import { CliError, EXIT_USAGE } from './io.ts';

export interface LintTarget {
  /** The path as the user will want to read it (relative to cwd when given so). */
  display: string;
  absolute: string;
  /** Undefined when a file given by name is not a PBS file kind. */
  kind: FileKind | undefined;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export function collectTargets(paths: string[], cwd: string, kindOverride: string | undefined): LintTarget[] {
  const override = kindOverride === undefined ? undefined : fileKindByName(kindOverride);
  if (kindOverride !== undefined && !override) {
    throw new CliError(`unknown --kind '${kindOverride}'; use a PBS file name such as datastore.cfg, sync.cfg or acme/plugins.cfg`, EXIT_USAGE);
  }
  const out: LintTarget[] = [];
  for (const p of paths) {
    const absolute = resolve(cwd, p);
    let st;
    try {
      st = statSync(absolute);
    } catch {
      throw new CliError(`cannot read '${p}': no such file or directory`, EXIT_USAGE);
    }
    if (st.isDirectory()) walk(absolute, p, out, override);
    else out.push({ display: p, absolute, kind: override ?? fileKindOfPath(absolute) });
  }
  return out;
}

function walk(dir: string, display: string, out: LintTarget[], override: FileKind | undefined): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new CliError(`cannot read directory '${display}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`, EXIT_USAGE);
  }
  for (const name of names) {
    if (SKIP_DIRS.has(name)) continue;
    const abs = join(dir, name);
    const disp = join(display, name);
    let st;
    try {
      st = statSync(abs);
    } catch {
      continue; // a dangling link is not a PBS file
    }
    if (st.isDirectory()) walk(abs, disp, out, override);
    else {
      const kind = fileKindOfPath(abs);
      if (kind) out.push({ display: disp, absolute: abs, kind: override ?? kind });
    }
  }
}
