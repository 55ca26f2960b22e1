-- wrk script: GET /api/v1/me as the channel user: the authenticated trivial endpoint, the HTTP stack's own cost
-- that an evaluation is compared with (tests/load/http.sh).
wrk.method = "GET"
wrk.path = "/api/v1/me"
wrk.headers["Authorization"] = "Basic Y2hhbm5lbDpjaGFubmVsLXNlY3JldA=="

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests %d, errors %d (status %d), rate %.0f/s\n", summary.requests, errors,
      summary.errors.status, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000))
end
