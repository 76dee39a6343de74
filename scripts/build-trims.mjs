// esbuild plugins that trim what the bundles carry and do at start, for scripts/build.mjs. What
// they change is tested through the bundles: test/cli/bundle-trims.test.ts, test/cli, test/lsp
// and the end-to-end test.
import { readFileSync } from 'node:fs';

/**
 * Packages whose modules are free of side effects, though their package.json does not say so:
 * esbuild then leaves out what nothing imports.
 * - chevrotain: the grammars use its lexer only; its parser is ~330 KB in 27 modules.
 * - jsonc-parser: the JSON kinds read it with `visit` and `parseTree`; its formatter's module
 *   fills ~1,200 strings of white space when it is evaluated (~1 ms of every start).
 */
const SIDE_EFFECT_FREE = /[\\/]node_modules[\\/](@?chevrotain|jsonc-parser)[\\/]/;

export const sideEffectFreePackages = {
  name: 'side-effect-free-packages',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'side-effect-free-packages' || !/(^|[\\/])(@?chevrotain|jsonc-parser)/.test(args.path + args.importer)) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'side-effect-free-packages' });
      return SIDE_EFFECT_FREE.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

/**
 * Chevrotain's lexer fills a table of 65,536 numbers the first time any lexer is made in a process
 * (~2 ms of interpreted code: more than making our five lexers, on every start of the command
 * line and the server). Each entry is `255 + ~~(i / 255)` for code units above 255, and the table
 * is read only by `charCodeToOptimizedIndex`, below 256 never: the read computes the entry instead,
 * and the table is not filled. If Chevrotain's text changes, the build stops here rather than ship
 * a lexer nobody checked.
 */
const TABLE_FILL = /charCodeToOptimizedIdxMap = new Array\(65536\);\s*for \(let i = 0; i < 65536; i\+\+\) \{\s*charCodeToOptimizedIdxMap\[i\] = i > 255 \? 255 \+ ~~\(i \/ 255\) : i;\s*\}/;
const TABLE_READ = ': charCodeToOptimizedIdxMap[charCode];';

/** Chevrotain's scan/lexer.js with the table computed instead of filled (exported for its test). */
export function lexerWithoutTable(source) {
  const fills = source.match(new RegExp(TABLE_FILL.source, 'g')) ?? [];
  const reads = source.split(TABLE_READ).length - 1;
  if (fills.length !== 1 || reads !== 1) {
    throw new Error(`build: chevrotain/lib/src/scan/lexer.js is not the text scripts/build-trims.mjs patches (${fills.length} table fills, ${reads} reads); review lexerWithoutTable`);
  }
  // the table is left with one entry, so that Chevrotain's `isEmpty` check never fills it again
  return source.replace(TABLE_FILL, 'charCodeToOptimizedIdxMap = [0];').replace(TABLE_READ, ': 255 + ~~(charCode / 255);');
}

export const chevrotainLexerWithoutTable = {
  name: 'chevrotain-lexer-without-table',
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, (args) => ({ contents: lexerWithoutTable(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

/**
 * Node modules that vscode-jsonrpc and vscode-languageserver require when they are evaluated but
 * use only for transports and helpers our server's start does not take (pipe names, sockets,
 * resolving global node_modules): crypto, os, net and child_process cost ~2 ms of every start of
 * the language server, loaded before it can answer `initialize`. Each such require becomes an
 * object that requires the module on its first use; the packages only read properties of them.
 * If a package's text changes, the build stops here rather than ship a start nobody checked.
 */
const LAZY_BUILTINS = [
  { file: /[\\/]vscode-jsonrpc[\\/]lib[\\/]node[\\/]main\.js$/, requires: { os: 'os', crypto_1: 'crypto', net_1: 'net' } },
  { file: /[\\/]vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/, requires: { child_process_1: 'child_process' } },
];

/** The package module's text with its `const name = require("module");` lines made lazy (exported for its test). */
export function lazyBuiltinRequires(source, requires) {
  let text = source;
  for (const [name, module] of Object.entries(requires)) {
    const line = `const ${name} = require("${module}");`;
    if (text.split(line).length !== 2) throw new Error(`build: '${line}' is not in the text scripts/build-trims.mjs patches once; review LAZY_BUILTINS`);
    text = text.replace(line, `const ${name} = new Proxy({}, { get: (_, key) => require("${module}")[key] });`);
  }
  return text;
}

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    for (const { file, requires } of LAZY_BUILTINS) {
      b.onLoad({ filter: file }, (args) => ({ contents: lazyBuiltinRequires(readFileSync(args.path, 'utf8'), requires), loader: 'js' }));
    }
  },
};
