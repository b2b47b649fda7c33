-- wrk script: POST /api/v2/alerts with unique alerts of about 1 KB each, ALERTS_PER_REQUEST per
-- request (default 1). The same script drives Pactum and Alertmanager; TOKEN is sent when set.
local per_request = tonumber(os.getenv("ALERTS_PER_REQUEST") or "1")
local starts_at = os.getenv("STARTS_AT") or "2026-01-01T00:00:00Z"
local token = os.getenv("TOKEN")
local padding = string.rep("x", 800)
local threads = {}
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local function alert()
  counter = counter + 1
  return string.format(
    '{"labels":{"alertname":"BenchAlert","instance":"node-%d-%d","job":"bench","severity":"warning"},' ..
    '"annotations":{"summary":"bench alert %d","description":"%s"},' ..
    '"startsAt":"%s","generatorURL":"http://prometheus.example:9090/graph?g0.expr=up"}',
    thread_id, counter, counter, padding, starts_at)
end

request = function()
  local items = {}
  for i = 1, per_request do items[i] = alert() end
  return wrk.format(nil, nil, nil, "[" .. table.concat(items, ",") .. "]")
end

done = function(summary, latency, requests)
  io.write(string.format("alerts/s %.0f  p50 %.2f ms  p99 %.2f ms  non-2xx %d  errors %d\n",
    per_request * summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
