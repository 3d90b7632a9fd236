-- wrk: every request reads one of the sessions listed in BENCH_IDS (GET /api/sessions/<id>) through the
-- edge, with the bench's token (BENCH_TOKEN, from the environment). Each thread starts at its own place
-- in the list and goes round it.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "session-wrk-report.lua")

wrk.headers["Host"] = os.getenv("BENCH_HOST")
if (os.getenv("BENCH_TOKEN") or "") ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

local count = 0
function setup(thread)
  thread:set("start", count * 997)
  count = count + 1
end

local ids, next_id = {}, 0
function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do
    ids[#ids + 1] = line
  end
  next_id = start or 0
end

function request()
  next_id = next_id % #ids + 1
  return wrk.format("GET", "/api/sessions/" .. ids[next_id])
end
