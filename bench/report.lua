-- wrk script: POST /api/v1/incidents with a P1 report (about 400 bytes of JSON), each request a
-- new incident. The token comes from the environment (PACTUM_TOKEN).
local token = os.getenv("PACTUM_TOKEN")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  counter = counter + 1
  local body = string.format(
    '{"trigger":"T1","condition":"T1.outage","phenomenon":"订单系统无法访问 %d",' ..
    '"scope":"全部线上订单与支付回调","cause_guess":"数据库主节点宕机，疑似磁盘故障",' ..
    '"discovered_at":"2026-01-01T00:00:00Z","responsible_party":"A"}', counter)
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("reports/s %.0f  p50 %.2f ms  p99 %.2f ms  non-2xx %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
