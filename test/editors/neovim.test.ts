// Neovim's built-in LSP client (Debian's neovim) with the README's snippet, editors/neovim/pbs.lua,
// against the built server: diagnostics on the broken example tree, a hover with next runs and a
// rename across files in the clean tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, editorSandbox, requireProgram, run } from './harness.ts';

test('Neovim: diagnostics, hover and rename through editors/neovim/pbs.lua', { timeout: 180_000 }, async () => {
  requireProgram('nvim', 'apt-get install neovim');
  const box = editorSandbox();
  const out = join(box.dir, 'nvim-result.json');
  const env = {
    ...box.env,
    PBS_TEST_OUT: out,
    PBS_BROKEN_FILE: join(box.broken, 'datastore.cfg'),
    PBS_CLEAN_FILE: join(box.clean, 'datastore.cfg'),
    NVIM_LOG_FILE: join(box.dir, 'nvim.log'),
  };
  const args = ['--headless', '-n', '-i', 'NONE', '-u', join(REPO, 'editors', 'neovim', 'pbs.lua'), '-c', `luafile ${join(REPO, 'test', 'editors', 'nvim-driver.lua')}`];
  const r = await run('nvim', args, env, 150_000);
  const lspLog = join(box.env.XDG_STATE_HOME!, 'nvim', 'lsp.log');
  const context = `nvim exit ${r.code}\n${r.output}\n--- lsp.log tail:\n${existsSync(lspLog) ? readFileSync(lspLog, 'utf8').slice(-3000) : '(none)'}`;
  assert.ok(existsSync(out), `the driver wrote no result\n${context}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    steps: string[];
    filetype: string;
    diagnostics: { line: number; code: string; severity: number; message: string }[];
    hover: string[];
    renamed: Record<string, number>;
  };
  assert.equal(result.error, undefined, `driver error after steps ${result.steps.join(' → ')}\n${context}`);
  assert.equal(result.filetype, 'pbs');
  // examples/broken/EXPECTED.md: datastore.cfg lines 3, 34, 37
  assert.deepEqual(
    result.diagnostics.map((d) => [d.line, d.code, d.severity]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [
      [3, 'unknown-property', 1],
      [34, 'invalid-enum', 2],
      [37, 'invalid-section-id', 1],
    ],
    context,
  );
  assert.match(result.diagnostics.find((d) => d.line === 3)!.message, /gc-schedual/);
  assert.equal(result.hover.length, 1, context);
  assert.match(result.hover[0], /Next 5 runs/);
  assert.match(result.hover[0], /UTC/);
  assert.ok(result.renamed['datastore.cfg'] >= 1, JSON.stringify(result.renamed));
  for (const f of ['prune.cfg', 'acl.cfg']) assert.ok(result.renamed[f] >= 1, `rename touches ${f}: ${JSON.stringify(result.renamed)}`);
});

test('Vim compiler editors/vim/compiler/pbs-tools.vim: :make fills the quickfix list with every problem of the tree', { timeout: 60_000 }, async () => {
  requireProgram('nvim', 'apt-get install neovim');
  const box = editorSandbox();
  const out = join(box.dir, 'qf.json');
  const lua = `local qf = vim.fn.getqflist(); local items = {}; for _, e in ipairs(qf) do if e.valid == 1 then table.insert(items, { file = vim.fn.fnamemodify(vim.fn.bufname(e.bufnr), ':t'), line = e.lnum, col = e.col, type = e.type, text = e.text }) end end; local f = io.open('${out}', 'w'); f:write(vim.fn.json_encode(items)); f:close()`;
  const args = ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '--cmd', `set rtp^=${join(REPO, 'editors', 'vim')}`, '-c', 'compiler pbs-tools', '-c', `silent make! ${box.broken}`, '-c', `lua ${lua}`, '-c', 'qa!'];
  const r = await run('nvim', args, box.env, 50_000);
  assert.ok(existsSync(out), `nvim wrote no quickfix list (exit ${r.code})\n${r.output}`);
  const items = JSON.parse(readFileSync(out, 'utf8')) as { file: string; line: number; col: number; type: string; text: string }[];
  const all = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'broken-expected.json'), 'utf8')) as { file: string; line: number; severity: string }[];
  assert.equal(items.length, all.length, 'one quickfix entry per problem, the summary line left out');
  const expected = all.filter((e) => !e.file.includes('/')); // items name files without their folder
  // every expected problem of the broken tree, at its line, with its type (e, w, i, or none for hints)
  const type = (s: string) => ({ error: 'e', warning: 'w', information: 'i', hint: '' })[s];
  for (const e of expected) {
    assert.ok(items.some((i) => i.file === e.file && i.line === e.line && i.type === type(e.severity)), `${e.file}:${e.line} ${e.severity} not in ${JSON.stringify(items.slice(0, 3))}…`);
  }
  const ds = items.find((i) => i.file === 'datastore.cfg' && i.line === 3)!;
  assert.equal(ds.col, 2);
  assert.match(ds.text, /^unknown-property unknown property 'gc-schedual'/);
});
