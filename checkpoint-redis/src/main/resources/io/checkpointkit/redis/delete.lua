-- KEYS: i, d, v, f, w. ARGV: 1 id, 2 the pointer's generation, 3 fence expiry in ms, 4 the time
-- of this write (epoch ms): a delete is a write of its execution.
-- Removes the id and revokes the pointer's generation (also when the id is not held: the
-- pointer is dangling and is about to be removed). Returns 1 when something was removed.
local id = ARGV[1]
requireCount(ARGV[3], 'fence expiry')
local cur = redis.call('HGET', KEYS[3], id)
requireType(KEYS[4], 'hash')
if cur then
  requireType(KEYS[1], 'zset')
  requireType(KEYS[2], 'hash')
  requireType(KEYS[5], 'string')
  redis.call('ZREM', KEYS[1], memberOf(cur, id))
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  if generationOf(cur) ~= ARGV[2] then fence(KEYS[4], id, generationOf(cur), ARGV[3]) end
  touchWritten(KEYS[5], ARGV[4], '0')
end
fence(KEYS[4], id, ARGV[2], ARGV[3])
if cur then return 1 end
return 0
