// The extension's command ids, apart from the code (importable without `vscode`): package.json
// contributes.commands lists exactly these (test/unit/client/manifest.test.ts), and none may be
// one of the server's workspace/executeCommand ids, which the language client registers itself.
export const PALETTE_COMMANDS = [
  'pbs.computeSha256',
  'pbs.computeSha256OfEditor',
  'pbs.testEncryptionKey',
  'pbs.createEncryptionKey',
  'pbs.changeKeyPassphrase',
  'pbs.generateCertificate',
  'pbs.showCertificateInfo',
  'pbs.inspectBlob',
  'pbs.showNextRuns',
  'pbs.showJobCalendar',
  'pbs.simulatePruneJob',
] as const;

export const CLIENT_COMMANDS = ['pbs.restartServer', 'pbs.showOutput'] as const;
