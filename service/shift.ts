// Moves a cached piece of syntax tree (or its problems) to a new place in the document: a deep
// copy in which every numeric `start`/`end` is moved by `delta`. Used when an edit above a
// section changed its offset but not its text, so the section need not be parsed again.

export function shifted<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shiftValue(value, delta) as T;
}

function shiftValue(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftValue(v, delta));
  if (value === null || typeof value !== 'object') return value;
  // Nodes that keep their offsets privately (grammar/property-line-table.ts PropertyLine) move themselves.
  if (typeof (value as { moved?: unknown }).moved === 'function') return (value as { moved(d: number): unknown }).moved(delta);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = (k === 'start' || k === 'end') && typeof v === 'number' ? v + delta : shiftValue(v, delta);
  }
  return out;
}
