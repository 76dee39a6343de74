// An async cache of values loaded from files (sibling config files, key files), on lru-cache's
// fetchMethod: N concurrent gets of a missing or outdated path run one load and share its result;
// a failed load is not cached (the next get tries again); every get revalidates by stat — a file
// whose mtime, size or inode changed is loaded again, a deleted file drops out.
//
// Files are read with core/fs's readRegularFile: regular files only (a FIFO or a link to
// /dev/zero named like a config or key file is refused without blocking a thread of libuv's
// pool) and never more than the cap.
import { LRUCache } from 'lru-cache';
import { stat } from 'node:fs/promises';
import { FileReadError, READ_LIMITS, quotePath, readRegularFile, sizeWords } from '../fs/read-file.ts';

export interface FileStamp {
  mtimeNs: bigint;
  size: bigint;
  ino: bigint;
}

export interface FileCacheOptions<V> {
  /** Most files kept. */
  max: number;
  /** Turns the file's bytes into the cached value; may be async; a throw caches nothing. */
  load: (bytes: Buffer, path: string) => V | Promise<V>;
  /** Files larger than this are not read (the get rejects). Default READ_LIMITS.configFile (64 MiB). */
  maxFileBytes?: number;
  /** The files' role in error messages ("file", "key file"). */
  what?: string;
}

interface Entry<V> {
  stamp: FileStamp;
  value: V;
}

/** A file above the cache's size cap (seen by stat, before a byte is read). */
export class FileTooLargeError extends FileReadError {
  override name = 'FileTooLargeError';
  constructor(
    path: string,
    readonly size: bigint,
    readonly limit: number,
    what = 'file',
  ) {
    const reason = `it is ${sizeWords(size)}, more than the ${sizeWords(limit)} read at most`;
    super('too-large', path, `cannot read ${what} ${quotePath(path)}: ${reason}`, reason);
  }
}

async function stampOf(path: string): Promise<FileStamp> {
  const st = await stat(path, { bigint: true });
  return { mtimeNs: st.mtimeNs, size: st.size, ino: st.ino };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeNs === b.mtimeNs && a.size === b.size && a.ino === b.ino;
}

export class FileCache<V extends NonNullable<unknown>> {
  readonly #lru: LRUCache<string, Entry<V>>;
  #loads = 0;

  constructor(options: FileCacheOptions<V>) {
    const { max, load, maxFileBytes = READ_LIMITS.configFile, what = 'file' } = options;
    this.#lru = new LRUCache<string, Entry<V>>({
      max,
      fetchMethod: async (path, _stale, { signal }) => {
        this.#loads++;
        // The stamp is taken before reading: a change during the read makes the next get reload.
        const stamp = await stampOf(path);
        if (stamp.size > BigInt(maxFileBytes)) throw new FileTooLargeError(path, stamp.size, maxFileBytes, what);
        // Regular files only (checked again on the open descriptor), capped: a link to /dev/zero or
        // a FIFO is refused (FileReadError), not read forever.
        const bytes = await readRegularFile(path, { maxBytes: maxFileBytes, what, signal });
        return { stamp, value: await load(bytes, path) };
      },
    });
  }

  /** The value for the file as it is now on disk. Rejects if the file cannot be read or loaded. */
  async get(path: string): Promise<V> {
    let now: FileStamp;
    try {
      now = await stampOf(path);
    } catch (err) {
      this.#lru.delete(path);
      throw err;
    }
    const cached = this.#lru.peek(path);
    if (cached && sameStamp(cached.stamp, now)) {
      this.#lru.get(path); // mark as recently used
      return cached.value;
    }
    const entry = await this.#lru.fetch(path, { forceRefresh: cached !== undefined });
    if (entry === undefined) throw new Error(`loading '${path}' was aborted`);
    return entry.value;
  }

  /** The cached value without touching the disk (possibly outdated), or undefined. */
  peek(path: string): V | undefined {
    return this.#lru.peek(path)?.value;
  }

  delete(path: string): boolean {
    return this.#lru.delete(path);
  }

  clear(): void {
    this.#lru.clear();
  }

  get size(): number {
    return this.#lru.size;
  }

  /** How many loads ran (for tests and diagnostics). */
  get loads(): number {
    return this.#loads;
  }
}
