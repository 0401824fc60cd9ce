-- Mixed workload for bench/pg-scale.sh: out of every 20 requests, 16 dossier
-- reads (each commits its audit event), 2 activity posts by JIMs, 1 name
-- search and 1 outcomes dashboard of the professional's own teams.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
local n = 0
request = function()
  n = n + 1
  local k = n % 20
  if k == 7 or k == 17 then return activity_post() end
  if k == 3 then return search() end
  if k == 13 then return dashboard() end
  return dossier_read()
end
