// The build's trims of its dependencies (scripts/build-trims.mjs) change nothing the grammars read:
// the grammar lexers bundled as the build bundles them (Chevrotain computing its first-character
// buckets instead of filling a table) lex every code unit at a line start as the same lexers
// from the sources do. And both language server entries start without the Node built-ins
// vscode-jsonrpc and vscode-languageserver require for what a start does not use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { Lexer, type TokenType } from 'chevrotain';
import { sectionLineTokens } from '../../grammar/section-config.ts';
import { aclLineTokens } from '../../grammar/acl.ts';
import { nodeLineTokens } from '../../grammar/node-config.ts';
import { LEXER_DEFINITIONS, type LexerDefinition } from '../../grammar/lexers.ts';
import { everyLineStart, firstDifference } from '../helpers/lexer-compare.ts';
import { ESM_SERVER_PATH, SERVER_PATH } from '../helpers/lsp.ts';
// @ts-expect-error: a plain .mjs build script without types
import { chevrotainLexerWithoutTable, lazyBuiltinRequires, lexerWithoutTable, sideEffectFreePackages } from '../../scripts/build-trims.mjs';

const GRAMMAR = fileURLToPath(new URL('../../grammar/', import.meta.url));
const GRAMMAR_MODULES = readdirSync(GRAMMAR).filter((f) => f.endsWith('.ts'));
/** Every code unit at a line start, for the line lexers (the ones whose first-character table is used). */
const LINE_TEXTS = [everyLineStart(''), everyLineStart('\tkey value\n')];
/** Every code unit once, for the value lexers (property strings, time spans). */
const VALUE_TEXT = Array.from({ length: 0x10000 }, (_, c) => `${String.fromCharCode(c)}=1,`).join('');

interface Bundled {
  Lexer: typeof Lexer;
  LEXER_DEFINITIONS: LexerDefinition[];
}

/** Chevrotain's Lexer and every grammar's lexer definition, bundled with `plugins`. */
async function bundled(plugins: Plugin[]): Promise<Bundled> {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-trims-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        "export { Lexer } from 'chevrotain';",
        `export { LEXER_DEFINITIONS } from ${JSON.stringify(join(GRAMMAR, 'lexers.ts'))};`,
        ...GRAMMAR_MODULES.map((f) => `import ${JSON.stringify(join(GRAMMAR, f))};`),
      ].join('\n'),
    );
    const outfile = join(dir, 'out.mjs');
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], plugins, logLevel: 'error', nodePaths: [join(GRAMMAR, '../node_modules')] });
    return (await import(pathToFileURL(outfile).href)) as Bundled;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A definition's token names, by mode: what tells the same definition in the bundle and in the sources. */
function signature(definition: LexerDefinition): string {
  const names = (tokens: TokenType[]) => tokens.map((t) => t.name).join(' ');
  return Array.isArray(definition) ? names(definition) : Object.entries(definition.modes).map(([mode, tokens]) => `${mode}: ${names(tokens as TokenType[])}`).join('; ');
}

/** The first difference between the bundled lexers and the sources' on the texts, by definition. */
function differences(b: Bundled): string[] {
  const sources = new Map(LEXER_DEFINITIONS.map((d) => [signature(d), d]));
  assert.deepEqual(b.LEXER_DEFINITIONS.map(signature).sort(), [...sources.keys()].sort());
  const lines = new Set([sectionLineTokens, aclLineTokens, nodeLineTokens].map(signature));
  const options = { positionTracking: 'onlyOffset', skipValidations: true } as const;
  return b.LEXER_DEFINITIONS.flatMap((definition) => {
    const name = signature(definition);
    const mine = new b.Lexer(definition, options);
    const theirs = new Lexer(sources.get(name)!, options);
    return (lines.has(name) ? LINE_TEXTS : [VALUE_TEXT]).flatMap((text) => firstDifference(mine, theirs, text) ?? []).map((d) => `${name}: ${d}`);
  });
}

test('the bundled grammar lexers, without Chevrotain\'s table, lex every code unit as the sources do', async () => {
  for (const f of GRAMMAR_MODULES) await import(pathToFileURL(join(GRAMMAR, f)).href);
  assert.ok(LEXER_DEFINITIONS.length >= 5, `${LEXER_DEFINITIONS.length} definitions`);
  const trimmed = await bundled([sideEffectFreePackages, chevrotainLexerWithoutTable]);
  assert.deepEqual(differences(trimmed), []);
});

test('the comparison notices buckets computed wrong', async () => {
  // Any bucketing both sides agree on lexes alike; the grammars' compact hints (one code unit per
  // bucket of 255, grammar/lexers.ts) are what a narrower bucket breaks.
  const wrong: Plugin = {
    name: 'wrong-buckets',
    setup(b) {
      b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, (args) => ({
        contents: lexerWithoutTable(readFileSync(args.path, 'utf8')).replace('255 + ~~(charCode / 255)', '255 + ~~(charCode / 100)'),
        loader: 'js',
      }));
    },
  };
  assert.notDeepEqual(differences(await bundled([wrong])), []);
});

test("a Chevrotain whose lexer is not the text the build patches stops the build", () => {
  const source = readFileSync(createRequire(import.meta.url).resolve('chevrotain').replace(/api\.js$/, 'scan/lexer.js'), 'utf8');
  assert.match(lexerWithoutTable(source), /255 \+ ~~\(charCode \/ 255\)/);
  assert.throws(() => lexerWithoutTable(source.replace('65536', '0x10000')), /not the text scripts\/build-trims\.mjs patches/);
});

/** Node's built-in modules the server at `entry` has loaded when it has answered initialize (it exits right after). */
async function builtinsAtStart(entry: string): Promise<string[]> {
  const frame = (m: object) => { const text = JSON.stringify({ jsonrpc: '2.0', ...m }); return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`; };
  const report = "process.on('exit', () => process.stderr.write('LOADED ' + process.moduleLoadList.join(',') + '\\n'))";
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, entry, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const ended = new Promise((resolve) => child.on('close', resolve));
  child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  try {
    let stdout = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => (stdout += b.toString()).includes('"id":1,"result"') && resolve()));
    child.stdin.end(frame({ method: 'exit' }));
    await ended;
  } finally {
    child.kill();
  }
  const line = /^LOADED (.*)$/m.exec(stderr);
  assert.ok(line, `${entry}: ${stderr}`);
  return line[1].split(',').filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
}

test('both server entries answer initialize without loading crypto, os, child_process or fs/promises', { timeout: 60_000 }, async () => {
  for (const entry of [SERVER_PATH, ESM_SERVER_PATH]) {
    const loaded = await builtinsAtStart(entry);
    assert.ok(loaded.includes('net'), `${entry}: the report lists no built-in modules: ${loaded.join(' ')}`);
    assert.deepEqual(loaded.filter((m) => ['crypto', 'os', 'child_process', 'fs/promises'].includes(m)), [], entry);
  }
});

test('a vscode-jsonrpc whose requires are not the text the build patches stops the build', () => {
  const file = createRequire(import.meta.url).resolve('vscode-jsonrpc/lib/node/main.js');
  const source = readFileSync(file, 'utf8');
  const lazy = lazyBuiltinRequires(source, { crypto_1: 'crypto' });
  assert.doesNotMatch(lazy, /const crypto_1 = require\("crypto"\);/);
  assert.match(lazy, /const crypto_1 = new Proxy\(\{\}, \{ get: \(_, key\) => require\("crypto"\)\[key\] \}\);/);
  assert.throws(() => lazyBuiltinRequires(source.replace('require("crypto")', 'require("node:crypto")'), { crypto_1: 'crypto' }), /not in the text scripts\/build-trims\.mjs patches once/);
});
