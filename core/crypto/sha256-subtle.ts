// SHA-256 of a text with WebCrypto (crypto.subtle): the same digest as sha256() in sha256.ts, for
// a host without node:crypto (VS Code for the Web's extension worker). Text is hashed as UTF-8.
import type { Sha256Result } from './sha256.ts';

export async function sha256Subtle(text: string): Promise<Sha256Result> {
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return { hex, bytes: bytes.length };
}
