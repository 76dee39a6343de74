// A synchronous LRU for values computed from a key at some version (a parsed model of a document
// at a document version or content hash): asking with another version recomputes. lru-cache does
// the bookkeeping.
import { LRUCache } from 'lru-cache';

export interface VersionedCacheOptions<K, V> {
  /** Most entries kept. */
  max: number;
  /** Optional size budget, with the size of one value (e.g. its text length). */
  maxSize?: number;
  sizeOf?: (value: V, key: K) => number;
}

interface Entry<V> {
  version: unknown;
  value: V;
}

export class VersionedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  readonly #lru: LRUCache<K, Entry<V>>;

  constructor(options: VersionedCacheOptions<K, V>) {
    const { max, maxSize, sizeOf } = options;
    this.#lru = new LRUCache<K, Entry<V>>(
      maxSize !== undefined && sizeOf
        ? { max, maxSize, sizeCalculation: (e, k) => Math.max(1, Math.ceil(sizeOf(e.value, k))) }
        : { max },
    );
  }

  /** The value for this key at exactly this version (compared with Object.is), or undefined. */
  get(key: K, version: unknown): V | undefined {
    const e = this.#lru.get(key);
    return e !== undefined && Object.is(e.version, version) ? e.value : undefined;
  }

  set(key: K, version: unknown, value: V): void {
    this.#lru.set(key, { version, value });
  }

  /** The cached value at this version, or `compute()`'s, cached. A throwing compute caches nothing. */
  getOrCompute(key: K, version: unknown, compute: () => V): V {
    const hit = this.get(key, version);
    if (hit !== undefined) return hit;
    const value = compute();
    this.set(key, version, value);
    return value;
  }

  delete(key: K): boolean {
    return this.#lru.delete(key);
  }

  clear(): void {
    this.#lru.clear();
  }

  get size(): number {
    return this.#lru.size;
  }
}
