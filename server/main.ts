#!/usr/bin/env node
// `pbs-language-server --stdio | --node-ipc | --socket=PORT`: the PBS language server.
// stdout belongs to the protocol (with --stdio); everything else goes to stderr.
import { VERSION } from '../core/version.ts';

const HELP = `usage: pbs-language-server --stdio | --node-ipc | --socket=PORT

Language server (LSP 3.17) for Proxmox Backup Server configuration files
(/etc/proxmox-backup/*.cfg, acme/plugins.cfg, token.shadow, tfa.json, encryption key files).

  --stdio         speak LSP on stdin/stdout (Neovim, Helix, Emacs, most editors)
  --node-ipc      speak LSP over Node IPC (VS Code)
  --socket=PORT   connect to a client listening on 127.0.0.1:PORT
  --version       print the version
  --verbose       say on stderr whether the start used the build's code cache
  --help          show this help
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
} else if (args.includes('--version') || args.includes('-V')) {
  process.stdout.write(`pbs-language-server ${VERSION}\n`);
} else if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stderr.write(`pbs-language-server: choose a transport\n\n${HELP}`);
  process.exitCode = 2;
} else {
  // Never let a stray console.log corrupt the protocol stream.
  console.log = console.error;
  console.info = console.error;
  // not a top-level await: the build also bundles this file as CommonJS (server/launch.ts), which has none
  void import('./node-start.ts').then(({ startNodeServer }) => startNodeServer(args));
}
