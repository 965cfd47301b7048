-- invite-lint's language server for drafts (text, Markdown, e-mail buffers), Neovim 0.7+.
-- Put it in your init.lua, or try it: nvim -c 'luafile examples/editors/nvim.lua' DRAFT
local filetypes = { "text", "markdown", "mail" }

local function start()
  local config = { name = "invite-lint", cmd = { "invite-lint", "lsp" }, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then -- Neovim 0.8+: starts the server once, attaches each buffer
    vim.lsp.start(config)
  else -- Neovim 0.7 (Debian 12)
    _G.invite_lint_client = _G.invite_lint_client or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, _G.invite_lint_client)
  end
end

vim.api.nvim_create_autocmd("FileType", { pattern = filetypes, callback = start })
if vim.tbl_contains(filetypes, vim.bo.filetype) then
  start() -- the buffer already open
end
