// What both VS Code runners (scripts/e2e.mjs on code-server, scripts/test-vscode.mjs on VS Code
// desktop via @vscode/test-electron) hand to VS Code: a workspace with the example trees and the
// in-host mocha suite (test/e2e/suite) bundled to CommonJS next to its extensionTestsPath module.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Creates `run/ws` (the workspace) and `run/exthost` (extensionTestsPath); returns both paths. */
export async function prepareInHostSuite(root, run) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  rmSync(run, { recursive: true, force: true });
  const ws = join(run, 'ws');
  cpSync(join(root, 'examples', 'broken'), join(ws, 'broken', 'etc', 'proxmox-backup'), { recursive: true });
  cpSync(join(root, 'examples', 'etc-proxmox-backup'), join(ws, 'clean', 'etc', 'proxmox-backup'), { recursive: true });
  copyFileSync(join(root, 'test', 'fixtures', 'broken-expected.json'), join(ws, 'broken-expected.json'));
  mkdirSync(join(ws, 'scratch'), { recursive: true });
  const exthost = join(run, 'exthost');
  const suite = join(root, 'test', 'e2e', 'suite');
  await build({
    entryPoints: readdirSync(suite).filter((f) => f.endsWith('.test.ts')).map((f) => join(suite, f)),
    outdir: join(exthost, 'suite'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode', 'mocha'],
    mainFields: ['module', 'main'],
    define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'test', 'e2e', 'exthost-index.cjs'), join(exthost, 'index.js'));
  writeFileSync(join(exthost, 'package.json'), '{ "type": "commonjs" }\n');
  return { ws, exthost };
}
