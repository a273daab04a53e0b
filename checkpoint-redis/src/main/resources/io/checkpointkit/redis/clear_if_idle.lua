-- KEYS: i, d, v, f, r, m, w. ARGV: 1 fence expiry in ms, 2 cutoff (epoch ms, rounded down),
-- 3 now (epoch ms).
-- Clears the execution, as clear.lua does, only if its last write (w) is before the cutoff; the
-- check and the clear are one script, so no write of the execution comes between them.
-- Returns {id, generation, ...} of the removed checkpoints, empty when nothing was removed.
requireCount(ARGV[1], 'fence expiry')
local last = redis.call('GET', KEYS[7])
if not last then
  -- Written before write times were kept: counted as written now, once, as the SQL stores'
  -- migrations count their old executions; it can be cleared a maximum idle time later.
  if redis.call('EXISTS', KEYS[3]) == 1 then
    redis.call('SET', KEYS[7], ARGV[3])
    local pttl = redis.call('PTTL', KEYS[1])
    if pttl > 0 then redis.call('PEXPIRE', KEYS[7], pttl) end
  end
  return {}
end
if tonumber(last) >= tonumber(ARGV[2]) then return {} end
return clearExecution(KEYS, ARGV[1])
