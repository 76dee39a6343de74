// Where a value leaves a schema `pattern`, for a message that points at the character.

/**
 * For a `pattern` of the shape `^[class]*tail$` (most PBS patterns), the offset of the first
 * character that is outside the class where the tail cannot start either; undefined when the
 * pattern has another shape or the position cannot be told.
 */
export function patternFailureOffset(pattern: string, value: string): number | undefined {
  const m = /^\^\[((?:\\.|[^\]\\])+)\][*+]/.exec(pattern);
  if (!m) return undefined;
  let cls: RegExp;
  let tail: RegExp;
  try {
    cls = new RegExp(`[${m[1]}]`, 'u');
    tail = new RegExp(`^(?:${pattern.slice(m[0].length)})`, 'u');
  } catch {
    return undefined;
  }
  for (let i = 0; i < value.length; i++) {
    if (cls.test(value[i])) continue;
    return tail.test(value.slice(i)) ? undefined : i;
  }
  return undefined;
}
