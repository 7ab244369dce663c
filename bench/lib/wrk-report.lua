-- Counts answers by status class in every wrk thread and prints one machine-readable line at the end
-- (read by bench/lib/wrk.ts). Latency percentiles are in microseconds, duration too.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  c2, c3, c4, c5 = 0, 0, 0, 0
end

function response(status, headers, body)
  if status < 300 then c2 = c2 + 1
  elseif status < 400 then c3 = c3 + 1
  elseif status < 500 then c4 = c4 + 1
  else c5 = c5 + 1 end
end

function done(summary, latency, requests)
  local t2, t3, t4, t5 = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("c2"); t3 = t3 + t:get("c3"); t4 = t4 + t:get("c4"); t5 = t5 + t:get("c5")
  end
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d %d %d\n", summary.duration, t2, t3, t4, t5,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
