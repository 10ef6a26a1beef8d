-- wrk script: every request asks for a fresh random 43-character base64url token (never published).
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local token = {}
  for i = 1, 43 do
    local n = math.random(1, 64)
    token[i] = alphabet:sub(n, n)
  end
  return wrk.format("GET", "/.well-known/acme-challenge/" .. table.concat(token))
end
