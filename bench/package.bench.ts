// The .vsix as users download it: its size and file count, built from this checkout the way
// `npm run package` builds it, next to what shipping the runtime dependencies unbundled
// (node_modules of the production dependency tree) plus the same dist/ would weigh.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VSIX_BUDGET_MIB, type Bench } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
function treeBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + treeBytes(join(path, name)), 0);
}

const bench: Bench = async () => {
  const out = mkdtempSync(join(tmpdir(), 'pbs-vsix-'));
  try {
    const vsix = join(out, 'pbs-tools.vsix');
    // as `npm run package` builds it: no source maps
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, env: { ...process.env, PBS_SOURCEMAPS: '0' }, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const r = spawnSync(process.execPath, ['scripts/package.mjs', vsix], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/package.mjs failed: ${r.stdout}${r.stderr}`);
    const size = statSync(vsix).size / 2 ** 20;
    const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('extension/') && !l.endsWith('/')).length;
    const prodDirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((p) => p.includes('node_modules'));
    const unbundled = (prodDirs.reduce((sum, p) => sum + treeBytes(p), 0) + treeBytes(join(ROOT, 'dist'))) / 2 ** 20;
    return {
      title: 'VS Code package',
      rows: [
        { name: 'pbs-tools .vsix', value: size, unit: 'MiB', anchor: { name: 'dist/ + production node_modules, unbundled and uncompressed', value: unbundled }, ratio: size / unbundled, better: 'lower', target: `≤ ${VSIX_BUDGET_MIB} MiB`, met: size <= VSIX_BUDGET_MIB },
      ],
      notes: [`${files} files. Built as \`npm run package\` builds it: \`PBS_SOURCEMAPS=0\` (no source maps), then scripts/package.mjs (vsce, without the command line and pbs-language-server's launcher and bundle, which VS Code never runs); the server and extension are esbuild bundles, so node_modules is not shipped. test/package/vsix.test.ts (in npm test) checks the file list and the same budget; the ratio is held by the regression check like every other.`],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};
export default bench;
