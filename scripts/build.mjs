// Bundles the language server and the CLI with esbuild. ESM with code splitting, so that a
// CLI subcommand loads only what it imports (e.g. `key test` never loads the parser).
import { build } from 'esbuild';
import { rmSync, chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { server: 'server/main.ts', cli: 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; prefer ESM.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: true,
  minify: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    // Some bundled CommonJS packages call require(); give them one in ESM output.
    js: "import { createRequire as __pbsCreateRequire } from 'node:module'; const require = __pbsCreateRequire(import.meta.url);",
  },
  define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
