// The README's editor snippets are the tested files in editors/, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './harness.ts';

test('README shows editors/neovim/pbs.lua, editors/vim/compiler/pbs-tools.vim, editors/emacs/pbs-tools.el and editors/helix/languages.toml exactly', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  for (const [file, fence] of [
    ['editors/neovim/pbs.lua', 'lua'],
    ['editors/vim/compiler/pbs-tools.vim', 'vim'],
    ['editors/emacs/pbs-tools.el', 'elisp'],
    ['editors/helix/languages.toml', 'toml'],
  ]) {
    const text = readFileSync(join(REPO, file), 'utf8');
    assert.ok(readme.includes('```' + fence + '\n' + text + '```'), `README.md does not show ${file} as it is; copy the file into its code block`);
  }
});
