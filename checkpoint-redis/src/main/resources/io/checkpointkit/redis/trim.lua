-- KEYS: i, d, v, f. ARGV: 1 how many unpinned to keep, 2 fence expiry in ms.
-- Deletes all but the newest ARGV[1] unpinned checkpoints, oldest first; pinned ones are kept
-- and not counted. Returns {id, generation, ...} of the removed ones, for pointer clean-up.
local unpinned = {}
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local id = string.sub(m, 9)
  local v = redis.call('HGET', KEYS[3], id)
  if v and string.sub(v, 9, 9) ~= '1' then
    unpinned[#unpinned + 1] = {m, id, v}
  end
end
local out = {}
for n = 1, #unpinned - tonumber(ARGV[1]) do
  local e = unpinned[n]
  redis.call('ZREM', KEYS[1], e[1])
  redis.call('HDEL', KEYS[2], e[2])
  redis.call('HDEL', KEYS[3], e[2])
  fence(KEYS[4], e[2], generationOf(e[3]), ARGV[2])
  out[#out + 1] = e[2]
  out[#out + 1] = generationOf(e[3])
end
return out
