// PBS reads every configuration file as UTF-8 and refuses the whole file when it is not
// (proxmox-sys file_read_optional_string → String::from_utf8). Editors decode for us; the CLI
// reads bytes, so it asks here whether the bytes were valid.
import type { Problem } from '../schema/problem.ts';

// A fatal decoder throws at the first byte sequence that is not UTF-8 (WHATWG's decoder, the same
// rules as Rust's from_utf8: no overlong forms, no surrogates, nothing above U+10FFFF). Portable,
// unlike node:buffer's isUtf8, so that the service runs in a Web Worker too.
const strict = new TextDecoder('utf-8', { fatal: true });

/** Whether `bytes` are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A problem at the first invalid byte sequence, or undefined when the bytes are valid UTF-8.
 * `decoded`: the bytes decoded with replacement (Buffer's toString, a TextDecoder that is not
 * fatal), which puts a U+FFFD for each invalid sequence. A text without one came from valid bytes
 * (test/unit/service/encoding.test.ts checks every sequence of up to three bytes): only a text
 * with one (replaced, or a real U+FFFD) is decoded again, strictly; a big file is not decoded twice.
 */
export function invalidUtf8Problem(bytes: Uint8Array, decoded: string): Problem | undefined {
  if (!decoded.includes('\uFFFD') || isUtf8(bytes)) return undefined;
  // The decoder replaced each invalid sequence with U+FFFD; point at the first replacement.
  const at = Math.max(0, decoded.indexOf('\uFFFD'));
  return {
    start: at,
    end: Math.min(decoded.length, at + 1),
    code: 'syntax',
    severity: 'error',
    message: 'the file is not valid UTF-8 here: PBS refuses to read the whole file. Re-save it as UTF-8.',
  };
}
