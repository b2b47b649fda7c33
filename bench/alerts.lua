-- wrk script: POST /api/v2/alerts with unique alerts of about 1 KB each, ALERTS_PER_REQUEST per
-- request (default 1). The same script drives Pactum and Alertmanager; TOKEN is sent when set.
--
-- The load generator shares the machine with the server it measures, so it is kept cheap: the
-- whole request is formatted once, in init(), with a 10-digit placeholder where each alert's
-- number goes, and every request is then that template with fresh numbers spliced in (one
-- string concatenation). Alert numbers start at 10^9, so they always have 10 digits and the
-- Content-Length never changes.
local per_request = tonumber(os.getenv("ALERTS_PER_REQUEST") or "1")
local starts_at = os.getenv("STARTS_AT") or "2026-01-01T00:00:00Z"
local token = os.getenv("TOKEN")
local placeholder = "##########"  -- 10 characters, like every alert number
local threads = {}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local parts = {}     -- the request, cut at each placeholder; parts[2k] receives an alert number
local counter = 1e9  -- the last alert number used

init = function()
  local alert = string.format(
    '{"labels":{"alertname":"BenchAlert","instance":"node-%d-%s","job":"bench","severity":"warning"},' ..
    '"annotations":{"summary":"bench alert %s","description":"%s"},' ..
    '"startsAt":"%s","generatorURL":"http://prometheus.example:9090/graph?g0.expr=up"}',
    thread_id, placeholder, placeholder, string.rep("x", 800), starts_at)
  local items = {}
  for i = 1, per_request do items[i] = alert end
  local template = wrk.format(nil, nil, nil, "[" .. table.concat(items, ",") .. "]")
  local from = 1
  while true do
    local at = template:find(placeholder, from, true)
    if not at then break end
    parts[#parts + 1] = template:sub(from, at - 1)
    parts[#parts + 1] = ""
    from = at + #placeholder
  end
  parts[#parts + 1] = template:sub(from)
end

request = function()
  -- Each alert's number appears twice (its instance label and its summary).
  for i = 2, #parts - 1, 4 do
    counter = counter + 1
    local n = string.format("%d", counter)
    parts[i] = n
    parts[i + 2] = n
  end
  return table.concat(parts)
end

done = function(summary, latency, requests)
  io.write(string.format("alerts/s %.0f  p50 %.2f ms  p99 %.2f ms  non-2xx %d  errors %d\n",
    per_request * summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
