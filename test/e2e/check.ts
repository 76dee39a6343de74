// The assertions of the in-host tests that also run in the web worker, which has no node:assert:
// failures say what was expected and what came. Values compared deeply are JSON data.
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new CheckFailed(message);
}

const shown = (v: unknown) => JSON.stringify(v) ?? String(v);

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) throw new CheckFailed(`${message ? `${message}: ` : ''}expected ${shown(expected)}, got ${shown(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (shown(actual) !== shown(expected)) throw new CheckFailed(`${message ? `${message}: ` : ''}expected ${shown(expected)}, got ${shown(actual)}`);
}

export function match(text: string, pattern: RegExp): void {
  if (!pattern.test(text)) throw new CheckFailed(`expected ${pattern} to match ${shown(text.slice(0, 500))}`);
}

export async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    match(String((err as Error)?.message ?? err), pattern);
    return;
  }
  throw new CheckFailed(`expected a rejection matching ${pattern}`);
}
