// Every toolbox palette command: its id (client/extension.ts and package.json list the same; a
// test holds them together) and what runs it. Each takes one optional args object that replaces
// all prompts, and returns its result. Built as dist/toolbox.js and loaded on a command's first
// use; each command's code is its own chunk (zstd only for blobs, X.509 only for certificates).
import type { Prompts } from './prompts.ts';

export type CommandRun = (prompts: Prompts, args?: Record<string, unknown>) => Promise<unknown>;

export const TOOL_PALETTE_COMMANDS: Record<string, CommandRun> = {
  'pbs.computeSha256': async (p, a) => (await import('./sha256.ts')).computeSha256(p, a),
  'pbs.computeSha256OfEditor': async (p) => (await import('./sha256.ts')).computeSha256OfEditor(p),
  'pbs.testEncryptionKey': async (p, a) => (await import('./key.ts')).testEncryptionKey(p, a),
  'pbs.createEncryptionKey': async (p, a) => (await import('./key.ts')).createEncryptionKey(p, a),
  'pbs.changeKeyPassphrase': async (p, a) => (await import('./key.ts')).changeKeyPassphrase(p, a),
  'pbs.generateCertificate': async (p, a) => (await import('./cert.ts')).generateCertificate(p, a),
  'pbs.showCertificateInfo': async (p, a) => (await import('./cert.ts')).showCertificateInfo(p, a),
  'pbs.inspectBlob': async (p, a) => (await import('./blob.ts')).inspectBlob(p, a),
  'pbs.showNextRuns': async (p, a) => (await import('./next-runs.ts')).showNextRuns(p, a),
  'pbs.showJobCalendar': async (p, a) => (await import('./pictures.ts')).showJobCalendar(p, a),
  'pbs.simulatePruneJob': async (p, a) => (await import('./pictures.ts')).simulatePruneJob(p, a),
};
