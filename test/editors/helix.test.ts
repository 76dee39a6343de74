// Helix is not in Debian bookworm, so its snippet (editors/helix/languages.toml) is checked as
// data: it parses as TOML, starts the same server command as the tested Neovim and Emacs
// snippets, and its settings are ones the server reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { DEFAULT_SETTINGS, settingsFrom } from '../../server/settings.ts';
import { REPO } from './harness.ts';

interface HelixLanguages {
  language: { name: string; 'file-types': { glob: string }[]; 'language-servers': string[]; 'comment-token'?: string }[];
  'language-server': Record<string, { command: string; args: string[]; config?: unknown }>;
}

test('editors/helix/languages.toml: same server, settings the server understands', () => {
  const toml = parse(readFileSync(join(REPO, 'editors', 'helix', 'languages.toml'), 'utf8')) as unknown as HelixLanguages;
  const [lang] = toml.language;
  assert.equal(lang.name, 'pbs');
  assert.equal(lang['comment-token'], undefined, 'PBS files have no comment syntax');
  const server = toml['language-server'][lang['language-servers'][0]];
  assert.deepEqual([server.command, ...server.args], ['pbs-language-server', '--stdio']);
  // the same command as the snippets the real-editor tests run
  assert.match(readFileSync(join(REPO, 'editors', 'neovim', 'pbs.lua'), 'utf8'), /cmd = \{ 'pbs-language-server', '--stdio' \}/);
  assert.match(readFileSync(join(REPO, 'editors', 'emacs', 'pbs-tools.el'), 'utf8'), /\("pbs-language-server" "--stdio"\)/);
  // which files it opens: test/unit/schema/file-kinds-lists.test.ts
  const settings = settingsFrom(server.config);
  assert.notDeepEqual(settings, DEFAULT_SETTINGS, 'the config reaches the server');
  assert.equal(settings.inlayHints.enable, true);
});
