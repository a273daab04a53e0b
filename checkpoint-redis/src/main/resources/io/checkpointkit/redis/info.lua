-- KEYS: i. Returns {count, last member or nil}.
local last = redis.call('ZRANGE', KEYS[1], -1, -1)[1]
return {redis.call('ZCARD', KEYS[1]), last}
