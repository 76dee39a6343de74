// What is worked out from one section on its own (its references, definitions, jobs), kept for as
// long as the section lives. An edit leaves every other section as it was: the same object, or,
// when the edit changed the length of the text above it, a moved copy (SectionNode.origin) whose
// results are its origin's, moved. A keystroke then costs one section, not the file.
import type { SectionNode } from '../grammar/ast.ts';

const NOTHING: readonly never[] = Object.freeze([]);

export class SectionCache<T> {
  /** By the section as first parsed, at that section's offsets. */
  private readonly results = new WeakMap<SectionNode, readonly T[]>();

  /** `move(item, delta)`: the item of a section moved `delta` code units further on. */
  constructor(private readonly move: (item: T, delta: number) => T) {}

  get(section: SectionNode, compute: () => T[]): readonly T[] {
    const origin = section.origin ?? section;
    let items = this.results.get(origin);
    if (!items) {
      const computed = compute();
      // Most sections have none: one shared empty list. The others are kept while the document
      // is open, so without the spare room a list grows with (a 50k-section user.cfg: 10 MB less).
      items = computed.length === 0 ? (NOTHING as readonly T[]) : section === origin ? computed.slice() : this.moved(computed, origin.start - section.start);
      this.results.set(origin, items);
    }
    return section === origin ? items : this.moved(items, section.start - origin.start);
  }

  private moved(items: readonly T[], delta: number): readonly T[] {
    return items.length === 0 || delta === 0 ? items : items.map((item) => this.move(item, delta));
  }
}
