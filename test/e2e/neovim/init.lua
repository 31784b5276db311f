-- Neovim 0.7.2 (Debian 12) as a second real LSP client: attaches `hipaa-language-server --stdio`
-- to the file given on the command line, waits for diagnostics, asks for a hover and the quick
-- fixes of one finding, applies the preferred fix, waits for the finding to go away, and writes
-- what it saw as JSON. Driven by test/e2e/neovim.test.ts:
--   HIPAA_NVIM_RESULT=out.json HIPAA_NVIM_SERVER=bin/hipaa-language-server.js HIPAA_NVIM_RULE=rds.storage-encrypted \
--   nvim --headless --clean -n -u test/e2e/neovim/init.lua template.yaml
-- 0.7 has no vim.lsp.start: vim.lsp.start_client + vim.lsp.buf_attach_client in a FileType autocmd.
local result_file = assert(os.getenv('HIPAA_NVIM_RESULT'), 'HIPAA_NVIM_RESULT is not set')
local server = assert(os.getenv('HIPAA_NVIM_SERVER'), 'HIPAA_NVIM_SERVER is not set')
local node = os.getenv('HIPAA_NVIM_NODE') or 'node'
local rule = os.getenv('HIPAA_NVIM_RULE') or 'rds.storage-encrypted'
local timeout = tonumber(os.getenv('HIPAA_NVIM_TIMEOUT_MS') or '60000')

local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch, statuses = {}, log = {} }
local finished = false

local function note(msg)
  table.insert(result.log, msg)
end

local function finish(ok, err)
  if finished then return end
  finished = true
  result.ok = ok
  result.error = err
  local f = assert(io.open(result_file, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then vim.cmd('qall!') else vim.cmd('cquit!') end
end

-- Nothing may hang the test: give up well after every single wait below would have.
vim.defer_fn(function() finish(false, 'watchdog: the Neovim run took too long') end, timeout * 4)

local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out, {
      code = code, source = d.source, severity = d.severity, message = d.message,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end
  table.sort(out, function(a, b) return tostring(a.code) < tostring(b.code) end)
  return out
end

local function find(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then return d end
  end
end

local function wait(what, cond)
  if not vim.wait(timeout, cond, 50) then error('timed out after ' .. (timeout / 1000) .. ' s waiting for ' .. what, 0) end
end

local function only_result(responses, method)
  for _, r in pairs(responses or {}) do
    if r.error then error(method .. ' failed: ' .. vim.inspect(r.error), 0) end
    return r.result
  end
  error(method .. ': no response', 0)
end

local function run(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  wait('the server to initialize', function() return client.initialized end)
  result.server = client.server_capabilities and client.server_capabilities.hoverProvider and 'hover' or 'no hover'
  local uri = vim.uri_from_bufnr(buf)

  -- The server publishes diagnostics, then its hipaa/status notification; Neovim handles them in
  -- order, so once a status is in, the diagnostics of that analysis are too: check them at once.
  wait('the first analysis (hipaa/status notification)', function() return #result.statuses > 0 end)
  result.diagnostics_before = diagnostics(buf)
  local d = find(buf, rule)
  if not d then error('no ' .. rule .. ' diagnostic after the analysis; got ' .. vim.fn.json_encode(result.diagnostics_before), 0) end
  -- Back to LSP form, as Neovim's own vim.lsp.buf.code_action() does (user_data.lsp keeps only
  -- code/codeDescription/tags/relatedInformation/data, not the range or the source).
  local lsp_diag = {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity, message = d.message, source = d.source, code = rule,
    codeDescription = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription or nil,
  }

  local hover = only_result(vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = d.lnum, character = d.col + 1 },
  }, timeout), 'textDocument/hover')
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  local actions = only_result(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }, timeout), 'textDocument/codeAction') or {}
  result.actions = {}
  local preferred
  for _, a in ipairs(actions) do
    table.insert(result.actions, a.title)
    if a.isPreferred and not preferred then preferred = a end
  end
  if not preferred then error('no preferred quick fix among ' .. vim.inspect(result.actions), 0) end
  result.applied = preferred.title
  result.line_before = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  result.line_after = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]

  wait(rule .. ' to go away after the fix', function() return find(buf, rule) == nil and #vim.diagnostic.get(buf) > 0 end)
  result.diagnostics_after = diagnostics(buf)
  finish(true)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'json' },
  once = true,
  callback = function(args)
    local buf = args.buf
    local client_id = vim.lsp.start_client({
      name = 'hipaa',
      cmd = { node, server, '--stdio' },
      root_dir = vim.fn.getcwd(),
      handlers = {
        ['hipaa/status'] = function(_, status) table.insert(result.statuses, status) end,
      },
      on_exit = function(code, signal)
        if not finished then vim.schedule(function() finish(false, 'language server exited: code ' .. tostring(code) .. ', signal ' .. tostring(signal)) end) end
      end,
    })
    if not client_id then return finish(false, 'vim.lsp.start_client failed') end
    vim.lsp.buf_attach_client(buf, client_id)
    note('attached client ' .. client_id .. ' to ' .. vim.api.nvim_buf_get_name(buf) .. ' (filetype ' .. vim.bo[buf].filetype .. ')')
    vim.schedule(function()
      local ok, err = pcall(run, buf, client_id)
      if not ok then
        result.diagnostics_at_failure = diagnostics(buf)
        finish(false, tostring(err))
      end
    end)
  end,
})
