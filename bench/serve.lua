-- bench/serve.lua: wrk asks `skillcert serve` (or the floor) for the request
-- paths bench_serve wrote (random certificates, one in 16 with a wrong name).
-- Each wrk thread starts at its own place in the list.
local paths = {}
local n, i = 0, 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
end

function init(args)
  local file = os.getenv("BENCH_SERVE_PATHS")
  for line in io.lines(file) do
    n = n + 1
    paths[n] = line
  end
  i = (start or 0) % n
end

function request()
  i = i % n + 1
  return wrk.format("GET", paths[i])
end
