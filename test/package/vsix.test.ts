// The .vsix that `npm run package` built (npm test runs it just before this test): what is in
// it, what must never be, and its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { VSIX_BUDGET_MIB } from '../../bench/harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = join(ROOT, `pbs-tools-${pkg.version}.vsix`);
/** Measured 1.18 MB on 2026-11-24, 1.70 MB (1,699,297 bytes) on 2026-12-07 with the web entry and the Web Worker server (dist/web, 1.49 MB unpacked); the budget (bench/harness.ts) leaves room for growth, not for node_modules. */
const BUDGET_BYTES = VSIX_BUDGET_MIB * 1024 * 1024;

/** A .vsix is a zip; Debian's unzip (scripts/install-test-deps.sh installs it) lists and reads it. */
function entries(): string[] {
  return execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

test('the .vsix holds the bundles, manifest, grammar, schemas and docs, and nothing else', () => {
  assert.ok(existsSync(VSIX), `${VSIX} is missing: run 'npm run package'`);
  const names = entries();
  for (const required of [
    'extension/package.json',
    'extension/readme.md',
    'extension/dist/extension.cjs',
    'extension/dist/server.js',
    'extension/dist/toolbox.js',
    'extension/dist/web/extension.cjs',
    'extension/dist/web/server.js',
    'extension/language-configuration.json',
    'extension/grammar/pbs-config.tmLanguage.json',
    'extension/dist/schemas/encryption-key.schema.json',
  ]) {
    assert.ok(names.includes(required), `${required} missing from the .vsix`);
  }
  const bad = names.filter(
    (n) => /\.ts$|\.map$|node_modules\/|^extension\/(test|bench|examples|schema|service|server|cli|core|client|scripts|\.git)\//.test(n) || /\.(pem|key)$|shadow$/.test(n),
  );
  assert.deepEqual(bad, [], 'sources, tests, maps, node_modules or secrets in the .vsix');
  // The command line and the bin's launcher are for the npm package (scripts/package.mjs leaves them out): VS Code runs neither.
  assert.deepEqual(names.filter((n) => /^extension\/dist\/(cli|language-server)(\/|\.cjs$)/.test(n)), [], 'the command line or the bin\'s server in the .vsix');
  const manifest = JSON.parse(execFileSync('unzip', ['-p', VSIX, 'extension/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.main, './dist/extension.cjs');
  assert.equal(manifest.browser, './dist/web/extension.cjs');
  for (const v of manifest.contributes.jsonValidation) assert.ok(names.includes(`extension/${v.url.replace(/^\.\//, '')}`), v.url);
  const size = statSync(VSIX).size;
  assert.ok(size <= BUDGET_BYTES, `the .vsix is ${(size / 1048576).toFixed(2)} MiB, over its ${(BUDGET_BYTES / 1048576).toFixed(1)} MiB budget`);
});
