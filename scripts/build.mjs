// Bundles the language server and the CLI with esbuild. ESM with code splitting, so that a
// CLI subcommand loads only what it imports (e.g. `key test` never loads the parser).
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { rmSync, chmodSync, readFileSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// `npm run package` builds without source maps: they would double the .vsix for nobody.
const sourcemap = process.env.PBS_SOURCEMAPS !== '0';

// The schema validators, precompiled: ajv's standalone code for every kind (schema/ajv-standalone.ts),
// put in the bundles in place of schema/ajv.ts, so that no front compiles a validator at run time
// or loads ajv's compiler (a lint of one tree spent ~160 ms of ~400 compiling ~40 validators).
// The generator is TypeScript: bundled to a temporary module first, then run here.
async function precompiledAjvModule() {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-build-'));
  try {
    const outfile = join(dir, 'ajv-standalone.mjs');
    await build({
      entryPoints: ['schema/ajv-standalone.ts'],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire as __pbsCreateRequire } from 'node:module'; const require = __pbsCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    return (await import(pathToFileURL(outfile).href)).precompiledAjvModule();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const ajvModule = realpathSync('schema/ajv.ts');
const ajvModuleText = await precompiledAjvModule();
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]schema[\\/]ajv\.ts$/ }, (args) =>
      realpathSync(args.path) === ajvModule ? { contents: ajvModuleText, loader: 'js', resolveDir: resolve('schema') } : undefined,
    );
  },
};

rmSync('dist', { recursive: true, force: true });
const bundles = await build({
  plugins: [precompiledValidators],
  metafile: true,
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
// Only ajv's run-time helpers may be in the bundles, never its compiler.
const compiler = Object.keys(bundles.metafile.inputs).filter((p) => /node_modules\/ajv\/dist\/(?!runtime\/)/.test(p));
if (compiler.length) throw new Error(`build: ajv's compiler is bundled (${compiler.slice(0, 3).join(', ')}…): is schema/ajv.ts still imported only as './ajv.ts'?`);
// `pbs-tools calendar` and `prune simulate` read jobs, never problems: what they load at start
// must not hold the schema's validators (the service's 1 MB chunk, ~50 ms of every run).
const staticInputs = (out, seen = new Set()) => {
  if (seen.has(out)) return [];
  seen.add(out);
  const o = bundles.metafile.outputs[out];
  return [...Object.keys(o.inputs), ...o.imports.filter((i) => i.kind === 'import-statement' && !i.external).flatMap((i) => staticInputs(i.path, seen))];
};
for (const entry of ['cli/calendar.ts', 'cli/prune.ts']) {
  const out = Object.keys(bundles.metafile.outputs).find((o) => bundles.metafile.outputs[o].entryPoint === entry);
  const validators = out ? staticInputs(out).filter((p) => /(^|\/)schema\/(ajv|validate)/.test(p)) : [`(no chunk for ${entry})`];
  if (validators.length) throw new Error(`build: ${entry} loads the schema's validators (${validators.slice(0, 3).join(', ')}…): does it import service/index.ts?`);
}

// The language server for VS Code for the Web: one IIFE file for a dedicated Web Worker
// (server/browser-main.ts), minified, with the same precompiled validators. It must not contain
// anything of Node (a worker has no fs, path, crypto …: one such import and the server does not
// start), and it must stay small: it is downloaded on every start of vscode.dev.
const WEB_SERVER_BUDGET = 1024 * 1024;
const web = await build({
  plugins: [precompiledValidators],
  metafile: true,
  entryPoints: { server: 'server/browser-main.ts' },
  outdir: 'dist/web',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));
const isNodeBuiltin = (path) => path.startsWith('node:') || nodeBuiltins.has(path) || nodeBuiltins.has(path.split('/')[0]);
/**
 * A browser bundle must have nothing of Node: no builtin imported by any input, and no module a
 * package's `browser` field swapped for an empty one (esbuild names those `(disabled):…`).
 */
function assertNoNode(metafile, bundle) {
  const found = Object.entries(metafile.inputs).flatMap(([input, { imports }]) =>
    [input, ...imports.map((i) => i.path)].filter((path) => isNodeBuiltin(path) || path.startsWith('(disabled):')).map((path) => `${path} (imported by ${input})`),
  );
  if (found.length) throw new Error(`build: ${bundle} imports Node: ${[...new Set(found)].slice(0, 5).join(', ')}`);
}
assertNoNode(web.metafile, 'the web server bundle');
const webBytes = web.metafile.outputs['dist/web/server.js'].bytes;
console.log(`build: dist/web/server.js ${(webBytes / 1024).toFixed(0)} KiB minified (budget ${WEB_SERVER_BUDGET / 1024} KiB)`);
if (webBytes > WEB_SERVER_BUDGET) throw new Error(`build: dist/web/server.js is ${webBytes} bytes, over its budget of ${WEB_SERVER_BUDGET}`);

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

// The same extension for VS Code for the Web (package.json `browser`): one CommonJS file for the
// web worker extension host, `vscode` its only import, nothing of Node in it.
const webExtension = await build({
  entryPoints: { extension: 'client/extension-web.ts' },
  outfile: 'dist/web/extension.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  external: ['vscode'],
  minify: true,
  metafile: true,
  sourcemap,
  legalComments: 'none',
  define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
assertNoNode(webExtension.metafile, 'dist/web/extension.cjs');
const webImports = Object.values(webExtension.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.path !== 'vscode').map((i) => i.path));
if (webImports.length) throw new Error(`build: dist/web/extension.cjs may require vscode only, not ${webImports.slice(0, 5).join(', ')}`);

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
// Which kinds and where: the file-kind table (package.json's jsonValidation names the same URLs,
// test/unit/schema/file-kinds-lists.test.ts checks it).
const kinds = await tsImport('../schema/file-kinds.ts', import.meta.url);
for (const kind of kinds.FILE_KINDS.filter((k) => k.family === 'json')) {
  const schema = strip(JSON.parse(readFileSync(`schema/kinds/${kinds.kindSchemaFile(kind)}`, 'utf8')));
  writeFileSync(kinds.jsonSchemaUrl(kind), JSON.stringify(schema, null, 2) + '\n');
}
