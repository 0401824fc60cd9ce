-- (b) Activity logging by JIMs: POST /api/v1/jims/{id}/activities, each JIM
-- with its own bearer token, cycling through the active JIMs.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
request = activity_post
