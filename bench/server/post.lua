-- post.lua - wrk script: POST /api/extract with the corpus pages, in turn.
-- The bodies are listed one per line in the file named by the first script
-- argument; the second is their Content-Type (default application/json:
-- {"html": ...} files; text/html: the pages themselves).
local bodies = {}
local ctype = "application/json"
local n = 0

function init(args)
  for path in io.lines(args[1]) do
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
  if args[2] then
    ctype = args[2]
  end
end

function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/api/extract", {["Content-Type"] = ctype},
                    bodies[n])
end
