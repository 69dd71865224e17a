-- wrk script (issue 9, make bench): each connection rotates over the heaviest
-- GET routes of bench/routes.mjs's 1,000,000-cadre table, as the demo admin.
-- Usage: wrk -t2 -c16 -d30s -s bench/heavy.lua http://127.0.0.1:PORT -- SESSION
local paths = {"/", "/bao-cao/nam", "/danh-gia", "/thong-ke", "/don-vi", "/du-bao",
               "/api/v1/reports/retirements", "/api/v1/reports/structure", "/thong-ke.csv",
               "/xuat/cadres", "/can-bo", "/quy-hoach", "/luan-chuyen"}
local cookie, i = "", 0

function init(args)
  cookie = args[1] or ""
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = "canbo_session=" .. cookie})
end

local codes = {}
function response(status)
  codes[status] = (codes[status] or 0) + 1
end
