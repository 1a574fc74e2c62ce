-- wrk script: POST one NDJSON batch of 500 valid events (fresh timestamps at start) per request.
local lines = {}
local now = os.time() * 1000
for i = 1, 500 do
  lines[i] = string.format('{"key":"load-%d","timestamp":%d,"value":%d.5}', i % 50, now, i)
end
wrk.method = "POST"
wrk.body = table.concat(lines, "\n") .. "\n"
wrk.headers["Content-Type"] = "application/x-ndjson"
wrk.headers["Authorization"] = "Bearer load-test-key"

local codes = {}
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f  events/s: %.0f  p50: %.1f ms  p99: %.1f ms\n",
    summary.requests / (summary.duration / 1e6),
    500 * summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
