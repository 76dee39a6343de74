// The Node server's FileSource: the PBS files beside an open document and under the workspace
// folders, read from disk. Reads go through core/cache's FileCache: regular files only, at most
// READ_LIMITS.configFile each, re-read only when the mtime, size or inode changed; concurrent
// reloads of one file share a single read.
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { FileCache } from '../core/cache/file-cache.ts';
import { FileReadError, fileErrorMessage, fileErrorReason } from '../core/fs/read-file.ts';
import type { Workspace } from '../service/index.ts';
import { fileKindOfPath } from '../service/light.ts';
import { SourcedFiles, type FileSource } from './workspace-files.ts';
import { scanFolders } from './workspace-scan.ts';

/** Entries of a configuration folder looked at (PBS's has a few dozen files). */
const MAX_FOLDER_ENTRIES = 10_000;

export class DiskSource implements FileSource {
  /** Files read at once: a folder of many files must not take every thread of libuv's pool. */
  readonly parallelReads = 2;
  private readonly cache = new FileCache<string>({ max: 512, load: (bytes) => bytes.toString('utf8') });

  /** The entries of `root` and its acme/ folder. */
  async listRoot(root: string): Promise<string[]> {
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
    return candidates;
  }

  /** Every PBS file under `folders` (workspace-scan.ts's limits). */
  findAll(folders: readonly string[]): Promise<{ files: string[]; truncated: boolean }> {
    return scanFolders(folders, (p) => fileKindOfPath(p) !== undefined);
  }

  async read(path: string): Promise<string> {
    try {
      return await this.cache.get(path);
    } catch (err) {
      if (err instanceof FileReadError) throw err;
      const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
      throw new FileReadError(code, path, fileErrorMessage(err, path), fileErrorReason(err, path));
    }
  }
}

/** The PBS files that are not open, from disk. */
export class DiskFiles extends SourcedFiles {
  constructor(workspace: Workspace, log?: (message: string) => void) {
    super(workspace, new DiskSource(), log);
  }
}
