-- KEYS: i, m. Called after the execution was removed from the registry: when it is empty, its
-- registry marker goes too (the next save registers it again); returns its count.
local n = redis.call('ZCARD', KEYS[1])
if n == 0 then redis.call('DEL', KEYS[2]) end
return n
