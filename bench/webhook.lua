-- wrk script for bench/webhook.py: every request a signed WhatsApp notification with its
-- own message id, read from a file of `signature<TAB>body` lines written by the bench
-- (signing in Lua would make the generator the bottleneck). Thread t of n takes lines
-- t, t+n, t+2n...; when a thread runs out it starts again and counts the repeats.
-- Usage: wrk ... -s webhook.lua URL -- FILE THREADS

local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  local path, threads = args[1], tonumber(args[2])
  reqs = {}
  local i = 0
  for line in io.lines(path) do
    if i % threads == tid then
      local tab = line:find("\t", 1, true)
      reqs[#reqs + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["X-Hub-Signature-256"] = line:sub(1, tab - 1),
      }, line:sub(tab + 1))
    end
    i = i + 1
  end
  n = 0
  wrapped = 0
  bad = 0
end

function request()
  n = n + 1
  if n > #reqs then
    wrapped = wrapped + 1
  end
  return reqs[(n - 1) % #reqs + 1]
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

local threads = {}
local old_setup = setup
function setup(thread)
  old_setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local wrapped_total, bad_total = 0, 0
  for _, t in ipairs(threads) do
    wrapped_total = wrapped_total + t:get("wrapped")
    bad_total = bad_total + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"errors": %d, "wrapped": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + bad_total, wrapped_total
  ))
end
