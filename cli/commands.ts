// The subcommands of `pbs-tools`, each loaded only when it runs (so `key test` never loads the
// config parser). Add a command here with one line; its module exports `run: Subcommand`.
import type { Subcommand } from './io.ts';

export interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Subcommand }>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  lint: { summary: 'check PBS configuration files (text, json or sarif output)', load: () => import('./lint.ts') },
  schedule: { summary: 'print the next runs of a PBS schedule (calendar event), as PBS computes them', load: () => import('./schedule.ts') },
  size: { summary: 'show a PBS size value (10MiB, 1.5GB) in bytes and as PBS displays it', load: () => import('./size.ts') },
  duration: { summary: 'show a PBS time span (1d 12h, 90m) in seconds and as PBS displays it', load: () => import('./duration.ts') },
  sha256: { summary: 'print or check SHA-256 checksums of files, like sha256sum', load: () => import('./sha256.ts') },
  key: { summary: 'test, create, re-protect or describe a client encryption key file', load: () => import('./key.ts') },
  blob: { summary: 'inspect a PBS data blob or chunk (kind, CRC, key, digest), optionally decode it', load: () => import('./blob.ts') },
  calendar: { summary: 'show when the jobs of a configuration run, which start together, which never run', load: () => import('./calendar.ts') },
  prune: { summary: 'simulate which snapshots a prune keeps with given keep-* options, as PBS selects them', load: () => import('./prune.ts') },
  cert: { summary: 'generate a self-signed certificate as PBS does (proxy.pem/proxy.key), or describe one', load: () => import('./cert.ts') },
};
