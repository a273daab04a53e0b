-- Standalone only, where one script may touch keys of any slot: the pointer claim, the save and
-- the registry entry in one atomic step.
-- KEYS: i, d, v, f, r, m (as save.lua), 7 id pointer, 8 registry bucket, 9 w (time of the last write).
-- ARGV: 1-7 as save.lua (4 is a fresh generation), 8 execution id, 9 pointer expiry ms ('0'),
--       10 the time of this write (epoch ms).
-- Replies as save.lua ({0, generation} when revoked), plus {3, pointer} when the pointer names another execution (the caller
-- then runs the takeover protocol of IdPointers).
-- Checked before saveCheckpoint's writes: the pointer expiry and the registry bucket's type.
requireCount(ARGV[9], 'pointer expiry')
requireType(KEYS[8], 'zset')
local ptr = redis.call('GET', KEYS[7])
local fresh = false
local g = ARGV[4]
if not ptr then
  fresh = true
elseif pointerExecution(ptr) == ARGV[8] then
  g = pointerGeneration(ptr)
else
  return {3, ptr}
end
local a = {ARGV[1], ARGV[2], ARGV[3], g, ARGV[5], ARGV[6], ARGV[7], '0'}
local res = saveCheckpoint(KEYS, a, KEYS[9], ARGV[10])
if res[1] == 0 then return {0, g} end
if res[1] ~= 1 then return res end
if fresh then
  if ARGV[9] ~= '0' then
    redis.call('SET', KEYS[7], g .. ARGV[8], 'PX', ARGV[9])
  else
    redis.call('SET', KEYS[7], g .. ARGV[8])
  end
elseif ARGV[9] ~= '0' then
  redis.call('PEXPIRE', KEYS[7], ARGV[9])
end
-- A marker says the registry has the execution (ExecutionRegistry): a registered execution's
-- save writes neither the shared bucket nor the marker (saveCheckpoint refreshed its expiry).
if res[3] == 1 then
  redis.call('ZADD', KEYS[8], 0, ARGV[8])
  redis.call('SET', KEYS[6], '1')
  if ARGV[7] ~= '0' then redis.call('PEXPIRE', KEYS[6], ARGV[7]) end
  res[3] = 0
end
return res
