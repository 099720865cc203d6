-- Neovim's built-in LSP client against `factlint lsp`: open one article of
-- a workspace, wait for its diagnostics, write them with their related
-- locations to $OUT (one line each), then quit. Exit status 1 when no
-- diagnostics arrive. Runs headless: see tests/nvim/run.sh.
local factlint, root, file, out = os.getenv('FACTLINT'), os.getenv('ROOT'), os.getenv('FILE'), os.getenv('OUT')

local received = nil
local handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == vim.uri_from_fname(root .. '/' .. file) and #result.diagnostics > 0 then
      received = result.diagnostics
    end
    return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
  end,
}

local id = vim.lsp.start_client({
  name = 'factlint',
  cmd = { factlint, 'lsp' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'news' } },
  handlers = handlers,
})
if not id then
  io.stderr:write('factlint lsp did not start\n')
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
vim.lsp.buf_attach_client(0, id)

local ok = vim.wait(60000, function() return received ~= nil end, 50)
if not ok then
  io.stderr:write('no diagnostics from factlint within 60 s\n')
  vim.cmd('cquit 1')
end

-- Also what Neovim itself shows for the buffer.
local shown = #vim.diagnostic.get(0)

local lines = {}
for _, d in ipairs(received) do
  local related = {}
  for _, r in ipairs(d.relatedInformation or {}) do
    local p = vim.uri_to_fname(r.location.uri)
    table.insert(related, string.format('%s:%d:%d', vim.fn.fnamemodify(p, ':t'), r.location.range.start.line + 1,
      r.location.range.start.character + 1))
  end
  table.insert(lines, string.format('%s\t%d:%d\t%s\t%s', d.code, d.range.start.line + 1, d.range.start.character + 1,
    table.concat(related, ' '), d.message:gsub('\n.*', '')))
end
table.insert(lines, 'shown\t' .. shown)
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qall!')
