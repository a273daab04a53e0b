-- KEYS: i, v, d. Returns {id, version value, body} of the last member of the index, or {}.
local m = redis.call('ZRANGE', KEYS[1], -1, -1)[1]
if not m then return {} end
local id = idOfMember(m)
local v = redis.call('HGET', KEYS[2], id)
local d = redis.call('HGET', KEYS[3], id)
if not (v and d) then return {} end
return {id, v, d}
