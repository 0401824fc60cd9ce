-- One fixed request (URL and headers from the wrk command line), for the
-- physical-limit comparison of nginx and kring.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")
