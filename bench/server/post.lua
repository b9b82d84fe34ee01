-- post.lua - wrk script: POST /api/extract with the corpus pages, in turn.
-- The bodies ({"html": ...} JSON files) are listed one per line in the file
-- named by the first script argument.
local bodies = {}
local n = 0

function init(args)
  for path in io.lines(args[1]) do
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
end

function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/api/extract",
                    {["Content-Type"] = "application/json"}, bodies[n])
end
