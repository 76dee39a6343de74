// Every toolbox palette command of the Node extension host: its id (client/command-ids.ts and
// package.json list the same; a test holds them together) and what runs it. Each takes one
// optional args object that replaces all prompts, and returns its result. Built as
// dist/toolbox.js and loaded on a command's first use; each disk command's code is its own chunk
// (zstd only for blobs, X.509 only for certificates). The portable ones are also the web entry's.
import { portableCommands, type CommandRun } from './portable.ts';

export type { CommandRun } from './portable.ts';

export const TOOL_PALETTE_COMMANDS: Record<string, CommandRun> = {
  'pbs.computeSha256': async (p, a) => (await import('./sha256.ts')).computeSha256(p, a),
  'pbs.testEncryptionKey': async (p, a) => (await import('./key.ts')).testEncryptionKey(p, a),
  'pbs.createEncryptionKey': async (p, a) => (await import('./key.ts')).createEncryptionKey(p, a),
  'pbs.changeKeyPassphrase': async (p, a) => (await import('./key.ts')).changeKeyPassphrase(p, a),
  'pbs.generateCertificate': async (p, a) => (await import('./cert.ts')).generateCertificate(p, a),
  'pbs.showCertificateInfo': async (p, a) => (await import('./cert.ts')).showCertificateInfo(p, a),
  'pbs.inspectBlob': async (p, a) => (await import('./blob.ts')).inspectBlob(p, a),
  ...portableCommands(async (text) => (await import('../../core/crypto/sha256.ts')).sha256(text)),
};
