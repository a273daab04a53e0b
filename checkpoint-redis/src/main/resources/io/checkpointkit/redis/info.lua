-- KEYS: i, w. Returns {count, last member or nil, time of the last write (epoch ms) or nil}.
local last = redis.call('ZRANGE', KEYS[1], -1, -1)[1]
return {redis.call('ZCARD', KEYS[1]), last, redis.call('GET', KEYS[2])}
