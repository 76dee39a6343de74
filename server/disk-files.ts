// Reads the PBS files of a configuration root from disk into the workspace, so that references
// from an open sync.cfg resolve against the datastore.cfg beside it even when that is not open.
// Reads go through core/cache's FileCache: regular files only, at most READ_LIMITS.configFile
// each, re-read only when the mtime, size or inode changed; concurrent reloads of one file share
// a single read.
//
// A PBS-named file that cannot be read (a FIFO, a link to /dev/zero, a directory, too big, no
// permission) takes no part in the configuration: references into its kind are not checked, as
// when it is absent. It is remembered with the reason, which workspace diagnostics report on
// the file (as `pbs-tools lint` does) and the server log tells once.
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { FileCache } from '../core/cache/file-cache.ts';
import { fileErrorReason, quotePath } from '../core/fs/read-file.ts';
import { fileKindOfPath } from '../service/light.ts';
import type { Workspace } from '../service/index.ts';

/** Files read at once: a folder of many files must not take every thread of libuv's pool. */
const PARALLEL_READS = 2;
/** Entries of a configuration folder looked at (PBS's has a few dozen files). */
const MAX_FOLDER_ENTRIES = 10_000;

export class DiskFiles {
  private readonly cache = new FileCache<string>({ max: 512, load: (bytes) => bytes.toString('utf8') });
  private readonly loading = new Map<string, Promise<void>>();
  /** PBS-named files that could not be read, with the reason ("it is a named pipe (FIFO), …"). */
  private readonly unreadableFiles = new Map<string, string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  /**
   * Loads every recognized file of `root` (and its acme/ folder) that is not open in the editor,
   * or again with `refresh` (a document was opened: the folder may hold new files). Between
   * scans, changes arrive through didChangeWatchedFiles. Calls without refresh share the last scan.
   */
  loadRoot(root: string, isOpen: (path: string) => boolean, refresh = false): Promise<void> {
    let p = this.loading.get(root);
    if (!p || refresh) {
      p = this.scan(root, isOpen);
      this.loading.set(root, p);
    }
    return p;
  }

  private async scan(root: string, isOpen: (path: string) => boolean): Promise<void> {
    const candidates: string[] = [];
    for (const dir of [root, join(root, 'acme')]) {
      let seen = 0;
      try {
        // (a folder of a million files is not a PBS configuration: only the first entries are looked at)
        for await (const entry of await opendir(dir)) {
          if (++seen > MAX_FOLDER_ENTRIES) break;
          candidates.push(join(dir, entry.name));
        }
      } catch {
        // no such folder: nothing to load
      }
    }
    await this.reloadAll(candidates.filter((p) => !isOpen(p) && fileKindOfPath(p)));
  }

  /** (Re-)reads files, a few at a time. */
  async reloadAll(paths: readonly string[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) await this.reload(paths[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, paths.length) }, worker));
  }

  /** (Re-)reads one file from disk unless unchanged; removes it from the workspace if gone or unreadable. */
  async reload(path: string): Promise<void> {
    const kind = fileKindOfPath(path);
    if (!kind) return;
    try {
      // The workspace re-parses only when the text differs from what it has.
      this.workspace.set(path, kind, await this.cache.get(path));
      this.unreadableFiles.delete(path);
    } catch (err) {
      this.workspace.delete(path);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.unreadableFiles.delete(path); // gone (or a dangling link): simply absent
        return;
      }
      const reason = fileErrorReason(err, path);
      if (this.unreadableFiles.get(path) !== reason) this.log(`pbs-language-server: not reading ${quotePath(path)}: ${reason}`);
      this.unreadableFiles.set(path, reason);
    }
  }

  /** A file is gone (deleted on disk, or its folder left the workspace). */
  forget(path: string): void {
    this.workspace.delete(path);
    this.unreadableFiles.delete(path);
  }

  /** The PBS-named files that could not be read, with why. */
  unreadable(): ReadonlyMap<string, string> {
    return this.unreadableFiles;
  }
}
