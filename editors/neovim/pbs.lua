-- pbs-tools for Neovim 0.7+: Proxmox Backup Server config files get the `pbs` filetype and the
-- pbs-language-server (npm install -g pbs-tools) through Neovim's built-in LSP client.
-- Put this file in ~/.config/nvim/plugin/ (or `require` it from init.lua).

local pbs_files = {
  'datastore.cfg', 's3.cfg', 'user.cfg', 'acl.cfg', 'remote.cfg', 'sync.cfg',
  'verification.cfg', 'prune.cfg', 'tape.cfg', 'media-pool.cfg', 'tape-job.cfg',
  'domains.cfg', 'traffic-control.cfg', 'node.cfg', 'metricserver.cfg', 'notifications.cfg',
  'notifications-priv.cfg', 'encryption-keys.cfg', '*/acme/plugins.cfg', '*/proxmox-backup/*.cfg',
}

local group = vim.api.nvim_create_augroup('pbs-tools', { clear = true })

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = pbs_files,
  callback = function() vim.bo.filetype = 'pbs' end,
})

-- One server per configuration folder (the folder holding datastore.cfg, sync.cfg, ...).
local clients = {}

vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'pbs',
  callback = function(args)
    local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    if vim.fn.fnamemodify(root, ':t') == 'acme' then root = vim.fn.fnamemodify(root, ':h') end
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = 'pbs-tools',
        cmd = { 'pbs-language-server', '--stdio' },
        root_dir = root,
        -- answered to the server's workspace/configuration request (section 'pbs')
        settings = { pbs = { inlayHints = { enable = false }, limits = { maxResults = 2000 } } },
      })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
