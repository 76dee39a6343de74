// PBS: Compute SHA-256 of Editor Text or Selection — the active editor's text, or its selection,
// as UTF-8. It needs no disk: the digest function is the host's (node:crypto, or WebCrypto on the web).
import type { Sha256Result } from '../../core/crypto/sha256.ts';
import { CommandError, type Prompts } from './prompts.ts';

export type TextDigest = (text: string) => Sha256Result | Promise<Sha256Result>;

export async function computeSha256OfEditor(prompts: Prompts, digest: TextDigest): Promise<{ sha256: string; size: number }> {
  const editor = prompts.activeEditor();
  if (!editor) throw new CommandError('no active editor: open a file, or select text, to hash');
  const text = editor.selection !== '' ? editor.selection : editor.text;
  const r = await digest(text);
  prompts.show(`SHA-256 of the ${editor.selection !== '' ? 'selection' : 'editor text'} (${r.bytes} bytes, UTF-8): ${r.hex}`, r.hex);
  return { sha256: r.hex, size: r.bytes };
}
