// Emacs with eglot (Debian's emacs-nox + elpa-eglot) and the README's snippet,
// editors/emacs/pbs-tools.el, against the built server: flymake diagnostics on the broken example
// tree, a hover with next runs and a rename across files in the clean tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, editorSandbox, requireProgram, run } from './harness.ts';

/** Debian's elpa-eglot and its dependencies live here; Emacs 29+ has eglot built in. */
const ELPA = '/usr/share/emacs/site-lisp/elpa-src';

test('Emacs + eglot: diagnostics, hover and rename through editors/emacs/pbs-tools.el', { timeout: 180_000 }, async () => {
  requireProgram('emacs', 'apt-get install emacs-nox elpa-eglot');
  const loadPath = existsSync(ELPA) ? readdirSync(ELPA).flatMap((d) => ['-L', join(ELPA, d)]) : [];
  const box = editorSandbox();
  const out = join(box.dir, 'emacs-result.json');
  const env = { ...box.env, PBS_TEST_OUT: out, PBS_BROKEN_FILE: join(box.broken, 'datastore.cfg'), PBS_CLEAN_FILE: join(box.clean, 'datastore.cfg') };
  const args = ['--batch', '-Q', ...loadPath, '-l', join(REPO, 'editors', 'emacs', 'pbs-tools.el'), '-l', join(REPO, 'test', 'editors', 'emacs-driver.el')];
  const r = await run('emacs', args, env, 150_000);
  const context = `emacs exit ${r.code}\n${r.output.slice(-4000)}`;
  assert.ok(existsSync(out), `the driver wrote no result\n${context}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    mode: string;
    diagnostics: { line: number; type: string; text: string }[];
    hover: string;
    renamed: string[];
  };
  assert.equal(result.error, undefined, context);
  assert.equal(result.mode, 'pbs-config-mode');
  assert.deepEqual(
    result.diagnostics.map((d) => [d.line, d.type]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [
      [3, 'eglot-error'],
      [34, 'eglot-warning'],
      [37, 'eglot-error'],
    ],
    context,
  );
  assert.match(result.diagnostics.find((d) => d.line === 3)!.text, /gc-schedual/);
  assert.match(result.hover, /Next 5 runs/);
  for (const f of ['datastore.cfg', 'prune.cfg', 'acl.cfg']) assert.ok(result.renamed.includes(f), `rename touches ${f}: ${result.renamed.join()}`);
});
