-- (a) Authenticated dossier reads: GET /api/v1/youths/{id} as the demo
-- professional, cycling through the young people of the team. Every read
-- writes an audit event (committed with fsync) before it is answered.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
request = dossier_read
