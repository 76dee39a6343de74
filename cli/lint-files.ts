// Finds the PBS files named on the lint command line: files as given, directories walked for
// files recognized by their path (datastore.cfg, acme/plugins.cfg, …), other files skipped (near
// misses such as datastores.cfg named in a note).
//
// The walk follows symbolic links, as `find -L` does, and like find it keeps the (device, inode)
// of every directory it entered: a link back to an ancestor (a loop that would make the paths grow
// without end) is named and not followed, a directory reached twice is walked once, and a file
// reached through two links (or given twice) is linted once. Depth and the number of entries
// looked at are bounded, so a wrong PATH (/, a huge tree) ends with a message, not a long wait.
import { opendirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileKindOfPath, fileKindByName, type FileKind } from '../service/light.ts';
import { quoted } from '../core/control-chars.ts';
import { fileErrorReason } from '../core/fs/read-file.ts';
import { CliError, EXIT_USAGE } from './io.ts';
import { skippedNameReason } from './lint-near-names.ts';

export interface LintTarget {
  /** The path as the user will want to read it (relative to cwd when given so). */
  display: string;
  absolute: string;
  /** Undefined when a file given by name is not a PBS file kind. */
  kind: FileKind | undefined;
}

export interface CollectedTargets {
  targets: LintTarget[];
  /** Things the user should know about the walk, one line each, for stderr. */
  notes: string[];
  /** A directory could not be read: the run is incomplete (exit 2 after the findings). */
  incomplete: boolean;
}

/** Deeper than any PBS layout (acme/accounts/NAME is 3); a deeper tree is not walked further. */
export const MAX_WALK_DEPTH = 16;
/** Directory entries looked at in one run: /etc/proxmox-backup has a few dozen. */
export const MAX_WALK_ENTRIES = 100_000;
/** Notes of one sort listed at most (skipped names, loops); the rest are counted. */
const MAX_NOTES = 20;

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

const idOf = (st: Stats) => `${st.dev}:${st.ino}`;

class Walk {
  readonly targets: LintTarget[] = [];
  readonly notes: string[] = [];
  incomplete = false;
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();
  private entries = 0;
  private readonly skipped: string[] = [];

  constructor(
    private readonly override: FileKind | undefined,
    private readonly roots: string[],
  ) {}

  addFile(st: Stats, display: string, absolute: string, kind: FileKind | undefined): void {
    // A FIFO or device has an inode too; only a file already taken is skipped.
    if (this.seenFiles.has(idOf(st))) return;
    this.seenFiles.add(idOf(st));
    this.targets.push({ display, absolute, kind });
  }

  /** Walks `dir`; `ancestors` are the directories on the way down (for loops), by id. */
  walk(dir: string, display: string, st: Stats, ancestors: Map<string, string>, depth: number): void {
    const id = idOf(st);
    if (ancestors.has(id)) {
      this.notes.push(`${quoted(display)} leads back to ${quoted(ancestors.get(id)!)} (a symbolic link loop); not followed`);
      return;
    }
    if (this.seenDirs.has(id)) return; // the same directory through another link: walked once
    this.seenDirs.add(id);
    if (depth > MAX_WALK_DEPTH) {
      this.notes.push(`${quoted(display)} is more than ${MAX_WALK_DEPTH} directories deep; not walked (a PBS configuration is at most 3 deep)`);
      return;
    }
    const names = this.readNames(dir, display);
    const down = new Map(ancestors).set(id, display);
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const abs = join(dir, name);
      const disp = join(display, name);
      let child: Stats;
      try {
        child = statSync(abs); // follows links; never opens the file
      } catch {
        continue; // a dangling link (or one that vanished) is not a PBS file
      }
      if (child.isDirectory()) {
        this.walk(abs, disp, child, down, depth + 1);
        continue;
      }
      const kind = fileKindOfPath(abs);
      if (kind) {
        // Added whatever it is: a FIFO or device named like a PBS file is reported, never read.
        this.addFile(child, disp, abs, this.override ?? kind);
      } else {
        const reason = skippedNameReason(name);
        if (reason) this.skipped.push(`skipped ${quoted(disp)}: ${reason}`);
      }
    }
  }

  /** The names in `dir`, sorted, at most what is left of MAX_WALK_ENTRIES (read as a stream). */
  private readNames(dir: string, display: string): string[] {
    const names: string[] = [];
    let handle;
    try {
      handle = opendirSync(dir);
      for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
        if (++this.entries > MAX_WALK_ENTRIES) {
          throw new CliError(
            `stopped after ${MAX_WALK_ENTRIES.toLocaleString('en-US')} directory entries under ${this.roots.map(quoted).join(', ')}: ` +
              'is this the PBS configuration? Give /etc/proxmox-backup (or a copy of it), or the files themselves',
            EXIT_USAGE,
          );
        }
        names.push(entry.name);
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      this.notes.push(`cannot read directory ${quoted(display)}: ${fileErrorReason(err, dir)}; its files were not linted`);
      this.incomplete = true;
    } finally {
      handle?.closeSync();
    }
    return names.sort();
  }

  /** The notes, then the skipped names: the first MAX_NOTES of each and a count of the rest. */
  allNotes(): string[] {
    const capped = (list: string[], what: string) =>
      list.length > MAX_NOTES ? [...list.slice(0, MAX_NOTES), `… and ${list.length - MAX_NOTES} more ${what}`] : list;
    return [...capped(this.notes, 'notes like these'), ...capped(this.skipped, "files skipped with names near a PBS file's")];
  }
}

export function collectTargets(paths: string[], cwd: string, kindOverride: string | undefined): CollectedTargets {
  const override = kindOverride === undefined ? undefined : fileKindByName(kindOverride);
  if (kindOverride !== undefined && !override) {
    throw new CliError(`unknown --kind '${kindOverride}'; use a PBS file name such as datastore.cfg, sync.cfg or acme/plugins.cfg`, EXIT_USAGE);
  }
  const walk = new Walk(override, paths);
  for (const p of paths) {
    const absolute = resolve(cwd, p);
    let st: Stats;
    try {
      st = statSync(absolute);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${quoted(p)}: ${code === 'ENOENT' ? 'no such file or directory' : fileErrorReason(err, absolute)}`, EXIT_USAGE);
    }
    if (st.isDirectory()) walk.walk(absolute, p, st, new Map(), 0);
    else walk.addFile(st, p, absolute, override ?? fileKindOfPath(absolute));
  }
  return { targets: walk.targets, notes: walk.allNotes(), incomplete: walk.incomplete };
}
