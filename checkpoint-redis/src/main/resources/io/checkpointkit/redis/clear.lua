-- KEYS: i, d, v, f, r, m, w. ARGV[1] fence expiry in ms.
-- Deletes every checkpoint of the execution. Returns {id, generation, ...} of the removed ones.
requireCount(ARGV[1], 'fence expiry')
requireType(KEYS[4], 'hash')
local all = redis.call('HGETALL', KEYS[3])
local ids, gens, out = {}, {}, {}
for n = 1, #all, 2 do
  local g = generationOf(all[n + 1])
  ids[#ids + 1] = all[n]
  gens[#gens + 1] = g
  out[#out + 1] = all[n]
  out[#out + 1] = g
end
fenceMany(KEYS[4], ids, gens, ARGV[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6], KEYS[7])
return out
