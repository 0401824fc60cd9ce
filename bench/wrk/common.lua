-- Shared by the request scripts: the environment that bench/lib.sh exports.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

function split(s, sep)
  local out = {}
  for part in string.gmatch(s or "", "[^" .. sep .. "]+") do out[#out + 1] = part end
  return out
end

pro = os.getenv("PRO")
youths = split(os.getenv("YOUTH_IDS"), ",")
names = split(os.getenv("NAMES"), ",")
jims = {}
for _, pair in ipairs(split(os.getenv("JIMS"), ",")) do
  local id, tok = string.match(pair, "^(%d+):(.+)$")
  jims[#jims + 1] = { id = id, token = tok }
end
act_date = os.getenv("ACT_DATE")

-- Each wrk thread starts at a different place in the lists.
counter = 0
function setup(thread)
  thread:set("id", math.random(1, 1000000))
end
function init(args)
  counter = (id or 0)
end

function dossier_read()
  counter = counter + 1
  local y = youths[counter % #youths + 1]
  return wrk.format("GET", "/api/v1/youths/" .. y,
    { ["Authorization"] = "Bearer " .. pro })
end

function search()
  counter = counter + 1
  local q = names[counter % #names + 1]
  return wrk.format("GET", "/api/v1/youths?q=" .. q .. "&per_page=25",
    { ["Authorization"] = "Bearer " .. pro })
end

function activity_post()
  counter = counter + 1
  local j = jims[counter % #jims + 1]
  local body = string.format(
    '{"date":"%s","minutes":%d,"km":%d.%d,"kind":"contact","note":"bench"}',
    act_date, counter % 120 + 15, counter % 40, counter % 10)
  return wrk.format("POST", "/api/v1/jims/" .. j.id .. "/activities",
    { ["Authorization"] = "Bearer " .. j.token,
      ["Content-Type"] = "application/json" }, body)
end

function dashboard()
  return wrk.format("GET", "/api/v1/stats/outcomes",
    { ["Authorization"] = "Bearer " .. pro })
end
