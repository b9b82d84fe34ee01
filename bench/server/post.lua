-- post.lua - wrk script: POST /api/extract with the corpus pages, in turn.
-- The bodies are listed one per line in the file named by the first script
-- argument; the second is their Content-Type (default application/json:
-- {"html": ...} files; text/html: the pages themselves).  Each request is
-- formatted once, in init, so that wrk's threads spend their time on the
-- sockets, not on copying bodies, on a machine it shares with the server.
local requests = {}
local n = 0

function init(args)
  local ctype = args[2] or "application/json"
  for path in io.lines(args[1]) do
    local f = assert(io.open(path, "rb"))
    requests[#requests + 1] =
      wrk.format("POST", "/api/extract", {["Content-Type"] = ctype}, f:read("*a"))
    f:close()
  end
end

function request()
  n = n % #requests + 1
  return requests[n]
end
