-- (c) Mixed workload: out of every 20 requests, 16 dossier reads, 2 name
-- searches (GET /api/v1/youths?q=) and 2 activity posts by JIMs.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
local n = 0
request = function()
  n = n + 1
  local k = n % 20
  if k == 3 or k == 13 then return search() end
  if k == 7 or k == 17 then return activity_post() end
  return dossier_read()
end
