// An async cache of values loaded from files (sibling config files, key files), on lru-cache's
// fetchMethod: N concurrent gets of a missing or outdated path run one load and share its result;
// a failed load is not cached (the next get tries again); every get revalidates by stat — a file
// whose mtime, size or inode changed is loaded again, a deleted file drops out.
import { LRUCache } from 'lru-cache';
import { readFile, stat } from 'node:fs/promises';

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
  /** Files larger than this are not read (the get rejects). Default 64 MiB. */
  maxFileBytes?: number;
}

interface Entry<V> {
  stamp: FileStamp;
  value: V;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    readonly path: string,
    readonly size: bigint,
    readonly limit: number,
  ) {
    super(`'${path}' is ${size} bytes, more than the ${limit} bytes this cache reads`);
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
    const { max, load, maxFileBytes = 64 * 1024 * 1024 } = options;
    this.#lru = new LRUCache<string, Entry<V>>({
      max,
      fetchMethod: async (path, _stale, { signal }) => {
        this.#loads++;
        // The stamp is taken before reading: a change during the read makes the next get reload.
        const stamp = await stampOf(path);
        if (stamp.size > BigInt(maxFileBytes)) throw new FileTooLargeError(path, stamp.size, maxFileBytes);
        const bytes = await readFile(path, { signal });
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
