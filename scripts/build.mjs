// Bundles the language server, the VS Code extension and the command line with esbuild: the
// server and the palette commands as ESM with code splitting (the server answers `initialize`
// before the engine is loaded), the command line as a CommonJS bundle per command run from V8's
// code cache (see below), and the web worker server and browser client for VS Code for the Web.
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { rmSync, chmodSync, existsSync, readFileSync, readdirSync, mkdirSync, mkdtempSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chevrotainLexerWithoutTable, lazyBuiltins, sideEffectFreePackages } from './build-trims.mjs';
import { runServerSession } from './server-code-cache.mjs';

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

/** What every bundle of the engine is built with; the Node server's also makes vscode-jsonrpc's spare built-ins lazy. */
const enginePlugins = [precompiledValidators, sideEffectFreePackages, chevrotainLexerWithoutTable];
const nodeServerPlugins = [...enginePlugins, lazyBuiltins];

rmSync('dist', { recursive: true, force: true });
const bundles = await build({
  plugins: nodeServerPlugins,
  metafile: true,
  entryPoints: { server: 'server/main.ts', toolbox: 'client/commands/index.ts' },
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
chmodSync('dist/server.js', 0o755);

// The command line: a CommonJS bundle per command (dist/cli/<command>.cjs: cli/main.ts with that
// command only; dist/cli/main.cjs with none, for help and unknown commands), which dist/cli.cjs
// (cli/launch.ts) runs from V8's code cache. CommonJS because Node 20 can give a code cache to a
// vm.Script but not to an ES module; a bundle per command because what V8 reads and deserializes at
// start grows with the bundle. esbuild wraps what a command imports lazily in init functions, so
// a command still evaluates only what it needs. zstd-codec (6 MB, `blob` only) stays a file of its
// own, required on first use, in a folder of its own: dist/cli/*.cjs are bundles a command name selects.
const zstdApart = {
  name: 'zstd-apart',
  setup(b) {
    b.onResolve({ filter: /^zstd-codec$/ }, () => ({ path: 'zstd-codec', namespace: 'zstd-apart' }));
    b.onLoad({ filter: /.*/, namespace: 'zstd-apart' }, () => ({ contents: "module.exports = require('./vendor/zstd-codec.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/vendor\/zstd-codec\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};
/** cli/commands.ts's lazy import of every command but `keep`, replaced by a module that refuses to run. */
const onlyCommand = (keep) => ({
  name: 'only-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z0-9-]+\.ts$/ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]cli[\\/]commands\.ts$/.test(args.importer) && args.path !== `./${keep}.ts` ? { path: args.path, namespace: 'other-command' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'other-command' }, (args) => ({
      contents: `export async function run() { throw new Error('dist/cli.cjs ran the bundle of another command than ${args.path.slice(2, -3)}'); }`,
      loader: 'js',
    }));
  },
});
const { COMMANDS } = await tsImport('../cli/commands.ts', import.meta.url);
const { BUNDLE_WRAPPER_HEAD, BUNDLE_WRAPPER_TAIL } = await tsImport('../core/code-cache.ts', import.meta.url);
const cliBundles = ['main', ...Object.keys(COMMANDS)];
const cliCommon = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', mainFields: ['module', 'main'], legalComments: 'none', logLevel: 'warning' };
const cliBuilds = await Promise.all(
  cliBundles.map((name) =>
    build({
      ...cliCommon,
      plugins: [...enginePlugins, zstdApart, onlyCommand(name)],
      metafile: true,
      entryPoints: ['cli/main.ts'],
      outfile: `dist/cli/${name}.cjs`,
      // CommonJS's wrapper is in the file, so that the launcher gives V8 the file's text as it is
      // (adding it at run time made a second copy of a 1.5 MB string for every start).
      banner: { js: BUNDLE_WRAPPER_HEAD },
      footer: { js: BUNDLE_WRAPPER_TAIL },
      sourcemap,
      define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
    }),
  ),
);
await build({ ...cliCommon, entryPoints: ['zstd-codec'], outfile: 'dist/cli/vendor/zstd-codec.cjs' });
// The language server as `pbs-language-server` starts it (package.json "bin"): server/main.ts as
// one CommonJS bundle, which dist/language-server.cjs (server/launch.ts) runs from V8's code cache
// as dist/cli.cjs runs a command. One bundle: an editor's session needs all of it, and esbuild's
// init functions still evaluate the engine only when the first document asks for it. Without
// white space and comments (1.8 MB instead of 2.6): reading it is part of every start (~0.6 ms);
// the source map says where a stack trace points.
const serverBuild = await build({
  ...cliCommon,
  plugins: nodeServerPlugins,
  metafile: true,
  entryPoints: ['server/main.ts'],
  outfile: 'dist/language-server/server.cjs',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: BUNDLE_WRAPPER_HEAD },
  footer: { js: BUNDLE_WRAPPER_TAIL },
  sourcemap,
  define: { __PBS_TOOLS_VERSION__: JSON.stringify(pkg.version) },
});
for (const [entry, outfile] of [
  ['cli/launch.ts', 'dist/cli.cjs'],
  ['server/launch.ts', 'dist/language-server.cjs'],
]) {
  await build({ ...cliCommon, entryPoints: [entry], outfile });
  chmodSync(outfile, 0o755);
}
const cachedTexts = Object.fromEntries([...cliBundles.map((name) => `dist/cli/${name}.cjs`), 'dist/language-server/server.cjs'].map((file) => [file, readFileSync(file, 'utf8')]));
const cliTexts = Object.fromEntries(cliBundles.map((name) => [name, cachedTexts[`dist/cli/${name}.cjs`]]));
for (const [file, text] of Object.entries(cachedTexts)) {
  const code = text.replace(/\/\/# sourceMappingURL=.*$/m, '');
  // A dynamic import() would need an ES module loader, which a vm.Script has not.
  if (/\bimport\(/.test(code)) throw new Error(`build: ${file} keeps a dynamic import()`);
  // ASCII only (esbuild escapes strings, not comments): V8 keeps it as a one-byte string, half the
  // memory and faster to read than a two-byte one.
  const wide = /[^\t\n\r\x20-\x7e]/.exec(code);
  if (wide) throw new Error(`build: ${file} is not ASCII: '${wide[0]}' near ${JSON.stringify(code.slice(Math.max(0, wide.index - 60), wide.index + 20))}; write it in ASCII in the source`);
}

// Only ajv's run-time helpers may be in the bundles, never its compiler.
const compiler = [bundles, ...cliBuilds, serverBuild].flatMap((b) => Object.keys(b.metafile.inputs)).filter((p) => /node_modules\/ajv\/dist\/(?!runtime\/)/.test(p));
if (compiler.length) throw new Error(`build: ajv's compiler is bundled (${compiler.slice(0, 3).join(', ')}…): is schema/ajv.ts still imported only as './ajv.ts'?`);
// `pbs-tools calendar` and `prune simulate` read jobs, never problems: what they evaluate must not
// hold the schema's validators (a 1 MB module, ~50 ms of every run); `key` reads no configuration.
const { commandModules } = await tsImport('./cli-bundle-modules.ts', import.meta.url);
for (const [command, forbidden, why] of [
  ['calendar', /(^|\/)schema\/(ajv|validate)/, 'does it import service/index.ts?'],
  ['prune', /(^|\/)schema\/(ajv|validate)/, 'does it import service/index.ts?'],
  ['key', /^(grammar|schema|service|server)\/|chevrotain|ajv/, 'key needs no parser'],
]) {
  const found = commandModules(cliTexts[command], command).filter((p) => forbidden.test(p));
  if (found.length) throw new Error(`build: \`pbs-tools ${command}\` evaluates ${found.slice(0, 3).join(', ')}…: ${why}`);
}

// The language server for VS Code for the Web: one IIFE file for a dedicated Web Worker
// (server/browser-main.ts), minified, with the same precompiled validators. It must not contain
// anything of Node (a worker has no fs, path, crypto …: one such import and the server does not
// start), and it must stay small: it is downloaded on every start of vscode.dev.
const WEB_SERVER_BUDGET = 1024 * 1024;
const web = await build({
  plugins: enginePlugins,
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

// V8's code cache for each command (cli/launch.ts): every command runs once here, on the Node that
// builds, and the launcher keeps what V8 compiled for it. Inputs are the examples and files made
// in a temporary folder; a command without an easy input runs its --help (its start is cached).
const cacheWork = mkdtempSync(join(tmpdir(), 'pbs-code-cache-'));
try {
  const run = (args, cache) => {
    const env = { ...process.env, ...(cache ? { PBS_TOOLS_BUILD_CODE_CACHE: '1' } : {}) };
    const r = spawnSync(process.execPath, ['dist/cli.cjs', ...args], { env, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`build: code cache run 'pbs-tools ${args.join(' ')}' failed (${r.status}): ${r.stderr}`);
  };
  run(['key', 'create', join(cacheWork, 'key.json'), '--kdf', 'none']);
  run(['cert', 'generate', '--out-dir', cacheWork, '--key-type', 'ec']);
  for (const args of [
    ['lint', 'examples/etc-proxmox-backup'],
    ['schedule', 'mon..fri 02:30', '-n', '5'],
    ['size', '1.5 GiB'],
    ['duration', '1d 12h'],
    ['sha256', 'package.json'],
    ['key', 'test', join(cacheWork, 'key.json')],
    ['blob', '--help'],
    ['--help'],
    ['calendar', 'examples/etc-proxmox-backup'],
    ['prune', 'simulate', '--keep-daily', '7', '--keep-weekly', '4', '--schedule', 'daily', '--from', '2026-01-01T00:00', '--to', '2026-03-01T00:00', '--utc'],
    ['cert', 'info', join(cacheWork, 'proxy.pem')],
  ]) {
    run(args, true);
  }
} finally {
  rmSync(cacheWork, { recursive: true, force: true });
}
const caches = readdirSync('dist/cli').filter((f) => f.endsWith('.v8cache'));
const missing = cliBundles.filter((name) => !caches.includes(`${name}.v8cache`));
if (missing.length) throw new Error(`build: no code cache was made for ${missing.join(', ')}`);
const cacheBytes = caches.reduce((sum, f) => sum + statSync(`dist/cli/${f}`).size, 0);
console.log(`build: dist/cli ${cliBundles.length} bundles, ${caches.length} code caches (${(cacheBytes / 1024).toFixed(0)} KiB)`);

// The language server's code cache (server/launch.ts): one editor's session, scripts/server-code-cache.mjs.
const SERVER_CACHE = 'dist/language-server/server.v8cache';
await runServerSession('dist/language-server.cjs');
if (!existsSync(SERVER_CACHE)) throw new Error(`build: the language server's session made no code cache (${SERVER_CACHE})`);
console.log(`build: dist/language-server/server.cjs ${(statSync('dist/language-server/server.cjs').size / 1024).toFixed(0)} KiB, code cache ${(statSync(SERVER_CACHE).size / 1024).toFixed(0)} KiB`);
