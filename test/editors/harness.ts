// Shared by the real-editor tests: a copy of the example trees laid out like /etc/proxmox-backup,
// `pbs-language-server` and `pbs-tools` on PATH that run this checkout's build (so the README's snippets are
// used byte for byte), and running an editor headless with its own empty home.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface EditorSandbox {
  dir: string;
  /** …/broken/etc/proxmox-backup and …/clean/etc/proxmox-backup */
  broken: string;
  clean: string;
  env: NodeJS.ProcessEnv;
}

export function editorSandbox(): EditorSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-editor-'));
  const broken = join(dir, 'broken', 'etc', 'proxmox-backup');
  const clean = join(dir, 'clean', 'etc', 'proxmox-backup');
  cpSync(join(REPO, 'examples', 'broken'), broken, { recursive: true });
  cpSync(join(REPO, 'examples', 'etc-proxmox-backup'), clean, { recursive: true });
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, script] of [
    ['pbs-language-server', 'language-server.cjs'],
    ['pbs-tools', 'cli.cjs'],
  ]) {
    const shim = join(bin, name);
    writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${join(REPO, 'dist', script)}' "$@"\n`);
    chmodSync(shim, 0o755);
  }
  const home = join(dir, 'home');
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'dumb',
  };
  return { dir, broken, clean, env };
}

/** Fails the test with how to install the editor when it is missing (no silent skip). */
export function requireProgram(name: string, install: string): void {
  if (spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`${name} not found: run scripts/install-test-deps.sh (${install})`);
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // the language server the editor started may outlive it briefly: stop the whole group
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve({ code, output });
    });
  });
}
