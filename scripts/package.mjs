// Packs the VS Code extension (.vsix) from what `npm run build` left in dist/, without the command
// line and the package's `pbs-language-server` bin: VS Code runs dist/extension.cjs, dist/server.js,
// dist/toolbox.js and the web bundles, never dist/cli.cjs or dist/language-server.cjs, whose
// bundles and code caches (dist/cli/, dist/language-server/) are for the npm package
// (Electron's V8 would reject a cache made by the Node that built it anyway).
// package.json's "files" serves npm and vsce alike and vsce refuses a .vscodeignore beside it, so
// vsce packs a staging copy that holds only what the extension needs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// The .vsix to write: the argument, else pbs-tools-<version>.vsix here (`npm run package`).
const out = resolve(process.argv[2] ?? `pbs-tools-${pkg.version}.vsix`);
const stage = mkdtempSync(join(tmpdir(), 'pbs-vsix-'));
try {
  for (const f of pkg.files) {
    const path = f.replace(/\/\*\*$/, '');
    cpSync(path, join(stage, path), { recursive: true, filter: (src) => !/^dist\/(cli|language-server)(\/|\.cjs$|$)/.test(relative(root, resolve(src))) });
  }
  cpSync('README.md', join(stage, 'README.md'));
  // The bin entries name the command line and the server's launcher, which are not in the .vsix.
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...pkg, bin: undefined }, null, 2) + '\n');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], { cwd: stage, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status ?? r.signal})`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
