// package.json as the VS Code manifest: it names every command the extension registers (and no
// other), files that exist, and editor defaults that cannot break a PBS file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CLIENT_COMMANDS, DISK_PALETTE_COMMANDS, NODE_HOST_CONTEXT, PALETTE_COMMANDS, PORTABLE_PALETTE_COMMANDS } from '../../../client/command-ids.ts';
import { portableCommands } from '../../../client/commands/portable.ts';
import { TOOL_PALETTE_COMMANDS } from '../../../client/commands/index.ts';
import { TOOL_COMMANDS } from '../../../service/tool-command-names.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const c = pkg.contributes;

test('contributes.commands are exactly the commands the extension registers, none clashing with the server', () => {
  const declared: string[] = c.commands.map((x: { command: string }) => x.command).sort();
  assert.deepEqual([...declared], [...PALETTE_COMMANDS, ...CLIENT_COMMANDS].sort());
  assert.deepEqual(Object.keys(TOOL_PALETTE_COMMANDS).sort(), [...PALETTE_COMMANDS].sort());
  for (const cmd of c.commands) assert.equal(cmd.category, 'PBS', cmd.command);
  for (const id of TOOL_COMMANDS) assert.ok(!declared.includes(id), `${id} is the server's`);
  const menuCommands = Object.values(c.menus).flat().map((m) => (m as { command: string }).command);
  for (const m of menuCommands) assert.ok(declared.includes(m), `menu names unknown command ${m}`);
});

// Which files the languages and jsonValidation name: test/unit/schema/file-kinds-lists.test.ts.
test('the pbs-config language has its configuration and grammar; the JSON schemas exist', () => {
  const lang = c.languages.find((l: { id: string }) => l.id === 'pbs-config');
  assert.ok(existsSync(join(ROOT, lang.configuration)));
  const grammar = c.grammars[0];
  assert.equal(grammar.language, 'pbs-config');
  assert.equal(JSON.parse(readFileSync(join(ROOT, grammar.path), 'utf8')).scopeName, grammar.scopeName);
  for (const v of c.jsonValidation) assert.ok(existsSync(join(ROOT, v.url)), `${v.url} missing (npm run build writes it)`);
});

test('the disk commands are hidden where no Node host runs them (VS Code for the Web), the portable ones are not', () => {
  assert.deepEqual(Object.keys(portableCommands(() => ({ hex: '', bytes: 0 }))).sort(), [...PORTABLE_PALETTE_COMMANDS].sort());
  // a browser workbench (isWeb) whose extensions run in a Node host (code-server) sets the key
  const hidden = `(!isWeb || ${NODE_HOST_CONTEXT}) && !virtualWorkspace`;
  const palette = new Map<string, string>(c.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
  assert.deepEqual([...palette.keys()].sort(), [...DISK_PALETTE_COMMANDS].sort(), 'exactly the disk commands have a palette when clause');
  for (const id of DISK_PALETTE_COMMANDS) assert.equal(palette.get(id), hidden, id);
  for (const menu of Object.values(c.menus) as { command: string; when?: string }[][]) {
    for (const m of menu) {
      if ((DISK_PALETTE_COMMANDS as readonly string[]).includes(m.command)) assert.ok(m.when?.startsWith(hidden), `${m.command}: ${m.when}`);
    }
  }
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
});

test('activation, entry points and editor defaults', () => {
  assert.equal(pkg.main, './dist/extension.cjs');
  assert.equal(pkg.browser, './dist/web/extension.cjs');
  assert.ok(pkg.activationEvents.includes('onLanguage:pbs-config'));
  // an editor trimming trailing blanks would turn `\tcomment ` (empty value) into a syntax error
  assert.deepEqual(c.configurationDefaults['[pbs-config]'], {
    'editor.insertSpaces': false,
    'editor.tabSize': 8,
    'editor.detectIndentation': false,
    'files.trimTrailingWhitespace': false,
  });
  const langConfig = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8'));
  assert.deepEqual(langConfig.comments, {}, 'PBS section-config files have no comment syntax');
});
