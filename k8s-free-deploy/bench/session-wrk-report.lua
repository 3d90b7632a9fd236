-- Shared by the wrk scripts of session-bench.sh: one machine-readable line at the end of a run,
-- RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx/3xx answers> <socket errors>.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
