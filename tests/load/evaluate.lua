-- wrk script: POST /api/v1/decisions/customer-value/evaluate for a random stored customer, as the channel user.
-- CUSTOMERS: how many customers were imported (ids cust-0 ..); RATE (optional): total requests/s to pace to;
-- SET (optional): the decision set, customer-value unless given.
local customers = tonumber(os.getenv("CUSTOMERS") or "100000")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")

wrk.method = "POST"
wrk.path = "/api/v1/decisions/" .. (os.getenv("SET") or "customer-value") .. "/evaluate"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y2hhbm5lbDpjaGFubmVsLXNlY3JldA=="

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + id)
end

function request()
  local body = string.format('{"customerId":"cust-%d"}', math.random(0, customers - 1))
  return wrk.format(nil, nil, nil, body)
end

-- Pacing for the fixed-rate run: each connection waits about connections/rate seconds between requests,
-- with jitter so connections do not fire in lockstep.
if rate > 0 then
  function delay()
    local mean = connections * 1000 / rate
    return math.max(0, mean * (0.5 + math.random()))
  end
end

dofile("tests/load/summary.lua")
