// What both VS Code runners (scripts/e2e.mjs on code-server, scripts/test-vscode.mjs on VS Code
// desktop via @vscode/test-electron) hand to VS Code: a workspace with the example trees and the
// in-host mocha suite (test/e2e/suite) bundled to CommonJS next to its extensionTestsPath module.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  // a configuration the tests change on disk: there from the start, as the folders an editor watches are
  mkdirSync(join(ws, 'watched', 'etc', 'proxmox-backup'), { recursive: true });
  writeFileSync(join(ws, 'watched', 'etc', 'proxmox-backup', 'datastore.cfg'), 'datastore: other\n\tpath /mnt/other\n');
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

/**
 * The web worker's in-host suite (test/e2e/web): one CommonJS file that only requires `vscode`,
 * mocha's browser build inside, written to `outfile` (which must lie inside the extension's
 * folder: VS Code runs the tests in the host of the extension whose folder holds them).
 */
export async function bundleWebSuite(root, outfile) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    entryPoints: [join(root, 'test', 'e2e', 'web', 'index.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    external: ['vscode'],
    metafile: true,
    // mocha's browser build is a UMD file: seeing this bundle's own `module` it would replace
    // the bundle's exports (run) with itself; without them it puts itself on globalThis.mocha
    define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version), module: 'undefined', exports: 'undefined', define: 'undefined' },
    logLevel: 'warning',
  });
  const other = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.path !== 'vscode').map((i) => i.path));
  if (other.length) throw new Error(`the web suite may require vscode only, not ${other.join(', ')}`);
}

function filesBelow(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesBelow(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * After the suite ran with `pbs.trace.server: verbose`: the secrets it used (its passphrases, the
 * generated private key, the raw key of an unprotected key file) must appear in no log of the
 * run. Returns what is wrong (empty = clean); also insists the trace really was on.
 */
export function secretLeaks(ws, logDirs) {
  const scratch = join(ws, 'scratch');
  const secrets = JSON.parse(readFileSync(join(scratch, 'secrets-used.json'), 'utf8'));
  // every base64 line of the private key's body, and the unprotected key's raw bytes
  const pem = readFileSync(join(scratch, 'cert', 'proxy.key'), 'utf8');
  secrets.push(...pem.split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----')));
  secrets.push(JSON.parse(readFileSync(join(scratch, 'blob-key.json'), 'utf8')).data);
  const logs = logDirs.flatMap((d) => filesBelow(d)).filter((f) => /\.log$/.test(f));
  const problems = [];
  let traced = false;
  for (const f of logs) {
    const text = readFileSync(f, 'utf8');
    if (/PBS Tools\.log$/.test(f) && /\[Trace - [^\]]*\] Sending request 'initialize/.test(text)) traced = true;
    for (const s of secrets) if (text.includes(s)) problems.push(`${f} contains a secret (${s.length} characters, starting '${s.slice(0, 3)}…')`);
  }
  if (logs.length === 0) problems.push(`no log files below ${logDirs.join(', ')}`);
  if (!traced) problems.push("no LSP trace in the 'PBS Tools' output log: pbs.trace.server was not verbose");
  return problems;
}
