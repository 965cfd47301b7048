-- Neovim's built-in LSP client on a draft: start invite-lint lsp, wait for its diagnostics,
-- write them to $INVITE_LINT_NVIM_OUT (one JSON object a line), quit. Neovim 0.7 (Debian 12)
-- has vim.lsp.start_client; 0.8+ also vim.lsp.start (docs/editors.md).
local out = os.getenv("INVITE_LINT_NVIM_OUT")
local cmd = vim.fn.json_decode(os.getenv("INVITE_LINT_LSP_CMD"))
local client_id = vim.lsp.start_client({ name = "invite-lint", cmd = cmd, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(tonumber(os.getenv("INVITE_LINT_NVIM_WAIT") or "120000"), function()
  return #vim.diagnostic.get(0) > 0
end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local raw = (d.user_data and d.user_data.lsp) or {}
  table.insert(lines, vim.fn.json_encode({
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, code = raw.code or d.code, message = d.message, source = d.source,
  }))
end
if not ok then table.insert(lines, vim.fn.json_encode({ timeout = true })) end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
