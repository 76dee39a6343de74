-- Drives Neovim's LSP client against pbs-language-server for test/editors/neovim.test.ts:
-- diagnostics of a broken datastore.cfg, a hover and a rename in a clean tree. Writes what it saw
-- as JSON to $PBS_TEST_OUT, then quits. Every wait has a timeout, so a failure ends the run.
local out = { steps = {} }
local function step(name) table.insert(out.steps, name) end
local function finish()
  local f = assert(io.open(os.getenv('PBS_TEST_OUT'), 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PBS_BROKEN_FILE')))
  step('opened broken file, filetype ' .. vim.bo.filetype)
  out.filetype = vim.bo.filetype
  vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out.diagnostics, { line = d.lnum + 1, code = code, severity = d.severity, message = d.message })
  end
  step('diagnostics: ' .. #out.diagnostics)

  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PBS_CLEAN_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(30000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50)
  local uri = vim.uri_from_bufnr(buf)
  -- line 3 is `\tgc-schedule daily`: hover on `daily`
  local hover, herr = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = 2, character = 14 },
  }, 20000)
  out.hover = {}
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then table.insert(out.hover, r.result.contents.value or r.result.contents) end
  end
  out.hoverError = herr
  step('hover')

  -- rename the datastore of line 1 (`datastore: vmstore`)
  local rename = vim.lsp.buf_request_sync(buf, 'textDocument/rename', {
    textDocument = { uri = uri }, position = { line = 0, character = 13 }, newName = 'vmstore-new',
  }, 20000)
  out.renamed = {}
  for _, r in pairs(rename or {}) do
    for u, edits in pairs((r.result or {}).changes or {}) do
      out.renamed[vim.fn.fnamemodify(vim.uri_to_fname(u), ':t')] = #edits
    end
  end
  step('rename')
end)
if not ok then out.error = tostring(err) end
finish()
