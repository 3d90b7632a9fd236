-- For edge-bench.sh: one machine-readable line at the end of a wrk run,
-- RESULT <requests/s> <p50 ms> <p99 ms> <failed requests: non-2xx/3xx answers and socket errors>.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
