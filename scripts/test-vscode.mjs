// `npm run test:vscode`: the in-host suite (test/e2e/suite) inside VS Code desktop, through
// @vscode/test-electron — for machines that have VS Code or can download it. The extension runs
// from this checkout (extensionDevelopmentPath), so `npm run build` comes first.
//   VSCODE_EXECUTABLE=/path/to/code  use that VS Code instead of downloading one
//   PBS_VSCODE_VERSION=1.105.1       the VS Code version to download (pinned by default)
// Offline (like the CI machine), use `npm run test:e2e`: the same suite on code-server.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareInHostSuite, secretLeaks } from './in-host-suite.mjs';

const VSCODE_VERSION = process.env.PBS_VSCODE_VERSION ?? '1.105.1';
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);

if (!existsSync(join(ROOT, 'dist', 'extension.cjs'))) {
  console.error("test:vscode: dist/extension.cjs is missing: run 'npm run build' first");
  process.exit(2);
}
const run = join(tmpdir(), 'pbs-tools-test-vscode');
const { ws, exthost } = await prepareInHostSuite(ROOT, run);
const executable = process.env.VSCODE_EXECUTABLE;
if (executable && !existsSync(executable)) {
  console.error(`test:vscode: VSCODE_EXECUTABLE=${executable} does not exist`);
  process.exit(2);
}
const userData = join(run, 'user-data');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'pbs.trace.server': 'verbose', 'security.workspace.trust.enabled': false }));
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version: VSCODE_VERSION }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(exthost, 'index.js'),
    extensionTestsEnv: { PBS_E2E_WS: ws, PBS_E2E_MOCHA: require.resolve('mocha') },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', userData],
  });
  const leaks = secretLeaks(ws, [join(userData, 'logs')]);
  if (leaks.length > 0) throw new Error(`secrets in the logs:\n${leaks.join('\n')}`);
  console.log('test:vscode: OK (no passphrase or key material in any log, trace verbose)');
} catch (err) {
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|fetch failed/i.test(String(err?.message ?? err));
  console.error(
    offline
      ? `test:vscode: could not download VS Code ${VSCODE_VERSION} (no network?). Set VSCODE_EXECUTABLE to an installed VS Code, or run 'npm run test:e2e' (code-server, works offline).`
      : `test:vscode: ${err?.message ?? err}`,
  );
  process.exit(1);
}
