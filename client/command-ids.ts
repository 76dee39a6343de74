// The extension's command ids, apart from the code (importable without `vscode`): package.json
// contributes.commands lists exactly these (test/unit/client/manifest.test.ts), and none may be
// one of the server's workspace/executeCommand ids, which the language client registers itself.

/** Palette commands that read or write files on disk with Node: the Node extension host only. */
export const DISK_PALETTE_COMMANDS = [
  'pbs.computeSha256',
  'pbs.testEncryptionKey',
  'pbs.createEncryptionKey',
  'pbs.changeKeyPassphrase',
  'pbs.generateCertificate',
  'pbs.showCertificateInfo',
  'pbs.inspectBlob',
] as const;

/** Palette commands of every host, VS Code for the Web's worker included (client/commands/portable.ts). */
export const PORTABLE_PALETTE_COMMANDS = ['pbs.computeSha256OfEditor', 'pbs.showNextRuns', 'pbs.showJobCalendar', 'pbs.simulatePruneJob'] as const;

export const PALETTE_COMMANDS = [...DISK_PALETTE_COMMANDS, ...PORTABLE_PALETTE_COMMANDS] as const;

export const CLIENT_COMMANDS = ['pbs.restartServer', 'pbs.showOutput'] as const;

/**
 * The context key the Node entry sets: the disk commands' `when` clauses show them where it is set
 * or where the workbench is not a browser. `isWeb` alone cannot tell: code-server's workbench is a
 * browser page whose extensions run in a Node host with a disk.
 */
export const NODE_HOST_CONTEXT = 'pbs.nodeHost';
