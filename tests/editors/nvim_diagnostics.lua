-- Run after examples/editors/nvim.lua (the README's snippet) on a draft: wait for
-- invite-lint's diagnostics, write them to $INVITE_LINT_NVIM_OUT (one JSON object a line), quit.
local out = os.getenv("INVITE_LINT_NVIM_OUT")
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
if not ok then table.insert(lines, vim.fn.json_encode({ timeout = true, filetype = vim.bo.filetype })) end
vim.fn.writefile(lines, out)
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd("qall!")
