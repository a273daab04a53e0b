-- KEYS[1] id pointer. ARGV[1] new pointer value (generation .. execution id),
-- ARGV[2] execution id, ARGV[3] pointer expiry in ms ('0': none).
-- Creates the pointer when absent; returns the pointer now stored. When it already names this
-- execution its expiry is refreshed; when it names another, the caller decides (takeover).
local cur = redis.call('GET', KEYS[1])
if not cur then
  if ARGV[3] ~= '0' then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  else
    redis.call('SET', KEYS[1], ARGV[1])
  end
  return ARGV[1]
end
if ARGV[3] ~= '0' and pointerExecution(cur) == ARGV[2] then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return cur
