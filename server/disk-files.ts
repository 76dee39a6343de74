// Reads the PBS files of a configuration root from disk into the workspace, so that references
// from an open sync.cfg resolve against the datastore.cfg beside it even when that is not open.
// Reads go through core/cache's FileCache: a file is re-read only when its mtime, size or inode
// changed, and concurrent reloads of one file share a single read.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FileCache } from '../core/cache/file-cache.ts';
import { fileKindOfPath } from '../schema/file-kinds.ts';
import type { Workspace } from '../service/workspace.ts';

export class DiskFiles {
  private readonly cache = new FileCache<string>({ max: 512, load: (bytes) => bytes.toString('utf8') });
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly workspace: Workspace) {}

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
      try {
        for (const name of await readdir(dir)) candidates.push(join(dir, name));
      } catch {
        // no such folder: nothing to load
      }
    }
    await Promise.all(candidates.filter((p) => !isOpen(p) && fileKindOfPath(p)).map((p) => this.reload(p)));
  }

  /** (Re-)reads one file from disk unless unchanged; removes it from the workspace if gone. */
  async reload(path: string): Promise<void> {
    const kind = fileKindOfPath(path);
    if (!kind) return;
    try {
      // The workspace re-parses only when the text differs from what it has.
      this.workspace.set(path, kind, await this.cache.get(path));
    } catch {
      // Gone, unreadable, a directory or too large: not part of the configuration.
      this.workspace.delete(path);
    }
  }
}
