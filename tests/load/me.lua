-- wrk script: GET /api/v1/me as the channel user: the authenticated trivial endpoint, the HTTP stack's own cost
-- that an evaluation is compared with (tests/load/http.sh).
wrk.method = "GET"
wrk.path = "/api/v1/me"
wrk.headers["Authorization"] = "Basic Y2hhbm5lbDpjaGFubmVsLXNlY3JldA=="

dofile("tests/load/summary.lua")
