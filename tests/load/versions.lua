-- wrk script: evaluates one customer against decision set SET while its versions are switched underneath.
-- Version 1 gives the customer BRONZE, version 2 SILVER; any other combination is a mixed-version response.
wrk.method = "POST"
wrk.path = "/api/v1/decisions/" .. (os.getenv("SET") or "cv-load") .. "/evaluate"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y2hhbm5lbDpjaGFubmVsLXNlY3JldA=="
wrk.body = '{"facts": {"customerId": "switch", "segment": "RETAIL", "country": "DE", "joinedOn": "2024-01-01",'
    .. ' "consent": {"marketing": false, "profiling": false}, "recencyDays": 200, "frequency12m": 1,'
    .. ' "monetary12m": 50, "clv": 100, "pAlive": 0.5, "maxDaysPastDue": 0, "missedPayments12m": 0,'
    .. ' "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failed, mixed, v1, v2 = 0, 0, 0, 0
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    return
  end
  local version = body:match('"version":(%d+)')
  local tier = body:match('"valueTier":"(%u+)"')
  if version == "1" and tier == "BRONZE" then
    v1 = v1 + 1
  elseif version == "2" and tier == "SILVER" then
    v2 = v2 + 1
  else
    mixed = mixed + 1
  end
end

function done(summary, latency, requests)
  local failed_total, mixed_total, v1_total, v2_total = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    failed_total = failed_total + thread:get("failed")
    mixed_total = mixed_total + thread:get("mixed")
    v1_total = v1_total + thread:get("v1")
    v2_total = v2_total + thread:get("v2")
  end
  io.write(string.format("responses %d: version 1 %d, version 2 %d, failed %d, mixed %d; socket errors %d\n",
      summary.requests, v1_total, v2_total, failed_total, mixed_total,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
