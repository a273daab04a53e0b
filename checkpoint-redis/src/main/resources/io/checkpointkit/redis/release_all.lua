-- Standalone only (keys of many slots): KEYS id pointers, ARGV the value each must still have.
-- Deletes each pointer that still has its expected value (its generation was revoked).
local n = 0
for j = 1, #KEYS do
  if redis.call('GET', KEYS[j]) == ARGV[j] then
    redis.call('DEL', KEYS[j])
    n = n + 1
  end
end
return n
