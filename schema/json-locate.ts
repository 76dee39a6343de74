// Where values of a JSON text are, found in one pass without building a tree: a 10 MB token.shadow
// as a jsonc-parser tree takes half a gigabyte (some 80 bytes a node), while its problems need the
// places of a few values only. The text must be nested no deeper than serde_json's limit (checked
// first, core/json.ts tooDeepAt): jsonc-parser's visitor recurses once per level.
import { visit, type NodeType } from 'jsonc-parser';

export interface JsonRange {
  offset: number;
  length: number;
}

/** A value's place: its range (a string's includes its quotes), its type, its key's range. */
export interface JsonSpot extends JsonRange {
  type: NodeType;
  /** The key of the property whose value this is (absent for array items and the root). */
  key?: JsonRange;
}

/** The key of a path (object keys and array indexes as strings, as in a JSON pointer). */
function pathKey(segments: readonly (string | number)[]): string {
  let key = '';
  for (const s of segments) key += `\u0000${s}`;
  return key;
}

interface Frame {
  array: boolean;
  /** The container's path key, or null when nothing asked for lies inside it. */
  path: string | null;
  /** The next item's index (arrays). */
  index: number;
  /** The current property (objects). */
  key: string;
  keyRange: JsonRange | undefined;
  /** The container's own spot, when asked for (its length is known at its end). */
  spot: JsonSpot | undefined;
}

/**
 * Ask for places with `value(path)` and `key(path, name)`, then `locate(text)` once; afterwards
 * the same calls answer (undefined: not in the text). The first of repeated keys counts.
 */
export class JsonLocator {
  private readonly values = new Map<string, JsonSpot | null>();
  private readonly keys = new Map<string, Map<string, JsonRange | null>>();
  /** Every prefix of a path asked for: the containers worth walking into. */
  private readonly prefixes = new Set<string>(['']);
  private located = false;

  value(path: readonly (string | number)[]): JsonSpot | undefined {
    return this.ask(this.values, pathKey(path), path);
  }

  key(path: readonly (string | number)[], name: string): JsonRange | undefined {
    const key = pathKey(path);
    let names = this.keys.get(key);
    if (!names) {
      if (this.located) return undefined;
      this.keys.set(key, (names = new Map()));
    }
    return this.ask(names, name, path);
  }

  private ask<T>(map: Map<string, T | null>, key: string, path: readonly (string | number)[]): T | undefined {
    const found = map.get(key);
    if (found !== undefined || this.located) return found ?? undefined;
    map.set(key, null);
    let prefix = '';
    for (const s of path) this.prefixes.add((prefix += `\u0000${s}`));
    return undefined;
  }

  locate(text: string): void {
    this.located = true;
    const stack: Frame[] = [];
    const { values, keys, prefixes } = this;
    /** The path key of the value starting now, or null when it is of no interest. */
    const childPath = (): string | null => {
      const top = stack[stack.length - 1];
      if (top === undefined) return '';
      if (top.path === null) return null;
      const path = `${top.path}\u0000${top.array ? top.index : top.key}`;
      return prefixes.has(path) ? path : null;
    };
    const begin = (type: NodeType, offset: number, length: number): JsonSpot | undefined => {
      const path = childPath();
      const top = stack[stack.length - 1];
      let spot: JsonSpot | undefined;
      if (path !== null && values.get(path) === null) {
        spot = { offset, length, type };
        if (top !== undefined && !top.array && top.keyRange) spot.key = top.keyRange;
        values.set(path, spot);
      }
      if (top?.array) top.index++;
      if (type === 'object' || type === 'array') stack.push({ array: type === 'array', path, index: 0, key: '', keyRange: undefined, spot });
      return spot;
    };
    const end = (offset: number, length: number) => {
      const frame = stack.pop();
      if (frame?.spot) frame.spot.length = offset + length - frame.spot.offset;
    };
    visit(
      text,
      {
        // a container nothing asked for lies in is walked without callbacks (return false)
        onObjectBegin: (offset, length) => begin('object', offset, length) !== undefined || stack[stack.length - 1].path !== null,
        onArrayBegin: (offset, length) => begin('array', offset, length) !== undefined || stack[stack.length - 1].path !== null,
        onObjectEnd: end,
        onArrayEnd: end,
        onLiteralValue: (value: unknown, offset, length) => {
          begin(value === null ? 'null' : (typeof value as NodeType), offset, length);
        },
        onObjectProperty: (property, offset, length) => {
          const top = stack[stack.length - 1];
          top.key = property;
          top.keyRange = { offset, length };
          const wanted = top.path === null ? undefined : keys.get(top.path);
          if (wanted?.get(property) === null) wanted.set(property, { offset, length });
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  }
}
