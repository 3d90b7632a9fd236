-- wrk: every request creates a session (POST /api/sessions) through the edge, with the bench's token
-- (BENCH_TOKEN, from the environment: never on a command line). The ids of the new sessions are written
-- to BENCH_IDS at the end, for the read run and for the cleanup.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "session-wrk-report.lua")
local report = done

wrk.method = "POST"
wrk.body = '{"data": {"user": "bench-user", "cart": [101, 202, 303], "theme": "dark", "csrf": "c3f1b7"}, "ttl": '
  .. (os.getenv("BENCH_TTL") or "60") .. "}"
wrk.headers["Host"] = os.getenv("BENCH_HOST")
wrk.headers["Content-Type"] = "application/json"
if (os.getenv("BENCH_TOKEN") or "") ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

-- Runs in each thread: the id is the last segment of the Location of a 201.
ids = {}
function response(status, headers, body)
  if status == 201 then
    local location = headers["Location"] or headers["location"]
    if location then
      ids[#ids + 1] = location:match("([^/]+)$")
    end
  end
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_IDS"), "w"))
  for _, thread in ipairs(threads) do
    for _, id in ipairs(thread:get("ids")) do
      out:write(id, "\n")
    end
  end
  out:close()
  report(summary, latency, requests)
end
