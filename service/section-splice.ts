// Lists worked out over every section of a file (its jobs, references, definitions, section ids),
// carried from one version of the file to the next. An edit replaces a few sections in the middle
// (section-model.ts says which: a SectionSplice); the list of the new version is the last one's,
// with those sections' items made again and the items after them moved. A keystroke in a
// 10k-section file then costs the changed sections and a copy of two arrays, not a look-up per
// section (the per-section caches, section-cache.ts, are what a list is made from when the last
// version has none).
import type { SectionNode } from '../grammar/ast.ts';
import { SectionCache } from './section-cache.ts';

/**
 * How a version's sections came from the last version's (`previous`): the first `from` are the
 * same objects, the `removed` after them were replaced by `inserted` new ones, and the rest are the
 * last version's moved `delta` code units on (the same objects when `delta` is 0).
 */
export interface SectionSplice {
  readonly previous: readonly SectionNode[];
  readonly from: number;
  readonly removed: number;
  readonly inserted: number;
  readonly delta: number;
}

const SPLICES = new WeakMap<readonly SectionNode[], SectionSplice>();

/**
 * Says how a version's `sections` came from the last version's (section-model.ts). The last
 * version's own splice is forgotten: each splice holds the version before it, and a chain of them
 * would hold every version ever parsed.
 */
export function recordSplice(sections: readonly SectionNode[], splice: SectionSplice): void {
  SPLICES.delete(splice.previous);
  SPLICES.set(sections, splice);
}

/** A list over a version's sections: the items in section order, and where each section's end. */
interface Kept<T> {
  readonly items: readonly T[];
  /** ends[i]: the number of items of sections 0..i. */
  readonly ends: Int32Array;
}

/**
 * The items of every section of a file, in order, for the versions of files being edited. Keyed
 * by a version's sections array; the list of the last version is handed on to the next one (an
 * older version asked again is worked out from the per-section cache).
 */
export class SectionLists<T> {
  private readonly kept = new WeakMap<readonly SectionNode[], Kept<T>>();
  private readonly cache: SectionCache<T>;

  /** `move(item, delta)`: the item of a section moved `delta` code units on. */
  constructor(private readonly move: (item: T, delta: number) => T) {
    this.cache = new SectionCache(move);
  }

  of(sections: readonly SectionNode[], compute: (section: SectionNode) => T[]): readonly T[] {
    let list = this.kept.get(sections);
    if (list) return list.items;
    const splice = SPLICES.get(sections);
    const last = splice && this.kept.get(splice.previous);
    list = last && splice ? this.spliced(last, splice, sections, compute) : this.whole(sections, compute);
    if (splice) this.kept.delete(splice.previous);
    this.kept.set(sections, list);
    return list.items;
  }

  private whole(sections: readonly SectionNode[], compute: (section: SectionNode) => T[]): Kept<T> {
    const items: T[] = [];
    const ends = new Int32Array(sections.length);
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i];
      for (const item of this.cache.get(s, () => compute(s))) items.push(item);
      ends[i] = items.length;
    }
    return { items, ends };
  }

  private spliced(last: Kept<T>, splice: SectionSplice, sections: readonly SectionNode[], compute: (section: SectionNode) => T[]): Kept<T> {
    const { from, removed, inserted, delta } = splice;
    const before = from > 0 ? last.ends[from - 1] : 0;
    const afterStart = from + removed > 0 ? last.ends[from + removed - 1] : 0;
    const items = last.items.slice(0, before);
    const ends = new Int32Array(sections.length);
    ends.set(last.ends.subarray(0, from));
    for (let i = from; i < from + inserted; i++) {
      const s = sections[i];
      for (const item of this.cache.get(s, () => compute(s))) items.push(item);
      ends[i] = items.length;
    }
    const shift = items.length - afterStart;
    const rest = last.items.length - afterStart;
    if (rest > 0) {
      const at = items.length;
      items.length = at + rest;
      for (let k = 0; k < rest; k++) items[at + k] = delta === 0 ? last.items[afterStart + k] : this.move(last.items[afterStart + k], delta);
    }
    for (let i = from + inserted, j = from + removed; i < sections.length; i++, j++) ends[i] = last.ends[j] + shift;
    return { items, ends };
  }
}

/**
 * Whether any two sections of a version share an id, kept up to date from version to version by
 * counting the ids of the sections an edit replaced (a Set of 10k ids per keystroke is most of a
 * millisecond). A version that came from no edit (a file read once) keeps nothing here: it is
 * answered by the caller's count of its distinct ids.
 */
export class RepeatedIds {
  private readonly kept = new WeakMap<readonly SectionNode[], { counts: Map<string, number>; repeated: number }>();

  /**
   * `distinctIds`: how many different ids `sections` have, asked only for a version no edit made.
   * The workspace answers it from its index of the file's sections by id, which resolving
   * references to the file needs too: a 50k-section user.cfg then has one index of its ids, not two.
   */
  any(sections: readonly SectionNode[], distinctIds: () => number): boolean {
    let state = this.kept.get(sections);
    if (!state) {
      const splice = SPLICES.get(sections);
      if (splice === undefined) return distinctIds() < sections.length;
      const last = this.kept.get(splice.previous);
      this.kept.delete(splice.previous);
      state = last ? this.spliced(last, splice, sections) : counted(sections);
      this.kept.set(sections, state);
    }
    return state.repeated > 0;
  }

  private spliced(state: { counts: Map<string, number>; repeated: number }, splice: SectionSplice, sections: readonly SectionNode[]) {
    const { counts } = state;
    for (let i = splice.from; i < splice.from + splice.removed; i++) {
      const id = splice.previous[i].idText;
      const n = counts.get(id)!;
      if (n === 2) state.repeated--;
      if (n === 1) counts.delete(id);
      else counts.set(id, n - 1);
    }
    for (let i = splice.from; i < splice.from + splice.inserted; i++) add(state, sections[i].idText);
    return state;
  }
}

function counted(sections: readonly SectionNode[]): { counts: Map<string, number>; repeated: number } {
  const state = { counts: new Map<string, number>(), repeated: 0 };
  for (const s of sections) add(state, s.idText);
  return state;
}

function add(state: { counts: Map<string, number>; repeated: number }, id: string): void {
  const n = state.counts.get(id) ?? 0;
  if (n === 1) state.repeated++;
  state.counts.set(id, n + 1);
}
