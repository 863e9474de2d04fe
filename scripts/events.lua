-- wrk script for scripts/cluster-load.sh: POSTs the pre-built event batches BODY_DIR/body0.json … body{BODIES-1}.json
-- in turn (made by `cluster-load.py bodies`), so the load generator spends its CPU on HTTP, not on building JSON.
local bodies = {}
local dir = os.getenv("BODY_DIR")
for k = 0, tonumber(os.getenv("BODIES") or "60") - 1 do
  local f = assert(io.open(dir .. "/body" .. k .. ".json", "r"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end

local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  i = i + 1
  return wrk.format(nil, "/api/events", nil, bodies[(i % #bodies) + 1])
end

