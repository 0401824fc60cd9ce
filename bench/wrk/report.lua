-- Included by the other wrk scripts (dofile): prints one machine-readable
-- line at the end of a run, which the bench/*.sh scripts parse.
-- non2xx counts answers with status >= 400 (wrk's "Non-2xx or 3xx");
-- connect/read/write/timeout are wrk's socket errors.
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
