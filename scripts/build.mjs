// Bundles the language server and the CLI with esbuild. ESM with code splitting, so that a
// CLI subcommand loads only what it imports (e.g. `key test` never loads the parser).
import { build } from 'esbuild';
import { rmSync, chmodSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// `npm run package` builds without source maps: they would double the .vsix for nobody.
const sourcemap = process.env.PBS_SOURCEMAPS !== '0';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { server: 'server/main.ts', cli: 'cli/main.ts', toolbox: 'client/commands/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; prefer ESM.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap,
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

// The VS Code extension: CommonJS (what the extension host loads with require), `vscode` from the
// host. It talks to dist/server.js over IPC and loads its commands from dist/toolbox.js (ESM).
await build({
  entryPoints: { extension: 'client/extension.ts' },
  outfile: 'dist/extension.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['vscode'],
  minify: true,
  mainFields: ['module', 'main'],
  sourcemap,
  legalComments: 'none',
  define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

// JSON Schemas of the PBS JSON files for VS Code's own JSON validation (contributes.jsonValidation).
// The x-pbs-* annotations are ours; VS Code ignores unknown keywords, but they are dropped to keep
// the files small, and so is the ajv-only `$id` scheme.
mkdirSync('dist/schemas', { recursive: true });
const strip = (v) =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('x-pbs-') && k !== '$id').map(([k, x]) => [k, strip(x)]))
      : v;
for (const name of ['token.shadow', 'shadow.json', 'tfa.json', 'encryption-key.json', 'acme-accounts']) {
  const file = name === 'acme-accounts' ? 'acme-accounts.json' : `${name}.json`;
  const schema = strip(JSON.parse(readFileSync(`schema/kinds/${file}`, 'utf8')));
  writeFileSync(`dist/schemas/${name === 'acme-accounts' ? 'acme-account' : name.replace(/\.json$/, '')}.schema.json`, JSON.stringify(schema, null, 2) + '\n');
}
