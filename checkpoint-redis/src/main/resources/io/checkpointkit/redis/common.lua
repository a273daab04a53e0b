-- Shared by every script (prepended when the scripts are loaded).
-- Layout of a value in the "v" hash: 8-byte sortable timestamp, 1 pinned flag ('0'/'1'),
-- 16-char pointer generation, decimal version.
-- A fence (the "f" hash, field = id) lists up to 16 revoked pointer generations of that id,
-- 16 chars each. A save carrying a revoked generation is refused, so a save that read a
-- pointer before it was removed or taken over can never write afterwards.
local function isFenced(f, id, g)
  local cur = redis.call('HGET', f, id)
  if not cur then return false end
  for i = 1, #cur, 16 do
    if string.sub(cur, i, i + 15) == g then return true end
  end
  return false
end

-- The fence list `cur` (or false/nil) with generation g added, or nil when g is in it already.
local function withFence(cur, g)
  if not cur then return g end
  for i = 1, #cur, 16 do
    if string.sub(cur, i, i + 15) == g then return nil end
  end
  if #cur >= 256 then cur = string.sub(cur, 17) end
  return cur .. g
end

local function fence(f, id, g, fenceTtl)
  local value = withFence(redis.call('HGET', f, id), g)
  if not value then return end
  redis.call('HSET', f, id, value)
  redis.call('PEXPIRE', f, fenceTtl)
end

-- Lua's unpack has a stack limit: multi-argument calls are sent in chunks of this many.
local CHUNK = 1000

-- redis.call(cmd, key, list...) in chunks, for variadic commands (ZREM, HDEL).
local function callChunked(cmd, key, list)
  for from = 1, #list, CHUNK do
    redis.call(cmd, key, unpack(list, from, math.min(#list, from + CHUNK - 1)))
  end
end

-- fence() for many distinct ids at once (ids[j] revokes gens[j]): one HMGET and one HSET per
-- chunk instead of two calls per id, which also keeps the replication stream short.
local function fenceMany(f, ids, gens, fenceTtl)
  if #ids == 0 then return end
  for from = 1, #ids, CHUNK do
    local to = math.min(#ids, from + CHUNK - 1)
    local curs = redis.call('HMGET', f, unpack(ids, from, to))
    local args = {}
    for j = from, to do
      local value = withFence(curs[j - from + 1], gens[j])
      if value then
        args[#args + 1] = ids[j]
        args[#args + 1] = value
      end
    end
    if #args > 0 then redis.call('HSET', f, unpack(args)) end
  end
  redis.call('PEXPIRE', f, fenceTtl)
end

local function memberOf(v, id)
  return string.sub(v, 1, 8) .. id
end

local function generationOf(v)
  return string.sub(v, 10, 25)
end

-- Records a write of the execution at `now` (epoch ms, decimal) in its "w" key, keeping the
-- later time when writers' clocks differ. ttl: '0' keeps the key's expiry, else sets it (ms).
local function touchWritten(w, now, ttl)
  local last = redis.call('GET', w)
  if not last or tonumber(now) > tonumber(last) then
    redis.call('SET', w, now, 'KEEPTTL')
  end
  if ttl ~= '0' then redis.call('PEXPIRE', w, ttl) end
end

-- The save itself, shared by save.lua (Cluster and standalone) and claim_save.lua (standalone).
-- k = {i, d, v, f, r, m}; a = {id, timestamp, pinned, generation, expected, body, ttl, requireHeld};
-- w = the execution's write-time key, now = the time of this write (epoch ms).
-- Returns {0} when the generation was revoked, {2} when requireHeld is '1' and the id is not
-- held under this generation (the caller claims the pointer), {-1, storedVersion} on a
-- compare-and-set conflict, or {1, newVersion, unregistered[, ids]}: unregistered is 1 when the
-- execution's registry marker is missing (the caller adds it to the registry), ids (all ids of
-- the execution) when the pointer expiries are due for a refresh.
local function saveCheckpoint(k, a, w, now)
  local id = a[1]
  if isFenced(k[4], id, a[4]) then return {0} end
  local cur = redis.call('HGET', k[3], id)
  if a[8] == '1' and not (cur and generationOf(cur) == a[4]) then return {2} end
  local version = 0
  if cur then version = tonumber(string.sub(cur, 26)) end
  local expected = tonumber(a[5])
  if expected > 0 and version ~= expected then return {-1, version} end
  if cur and string.sub(cur, 1, 8) ~= a[2] then
    redis.call('ZREM', k[1], memberOf(cur, id))
  end
  redis.call('ZADD', k[1], 0, a[2] .. id)
  redis.call('HSET', k[2], id, a[6])
  version = version + 1
  redis.call('HSET', k[3], id, a[2] .. a[3] .. a[4] .. string.format('%d', version))
  touchWritten(w, now, a[7])
  local unregistered = 1 - redis.call('EXISTS', k[6])
  local ttl = tonumber(a[7])
  if ttl > 0 then
    redis.call('PEXPIRE', k[1], ttl)
    redis.call('PEXPIRE', k[2], ttl)
    redis.call('PEXPIRE', k[3], ttl)
    if unregistered == 0 then redis.call('PEXPIRE', k[6], ttl) end
    -- Pointers live 1.5 ttl; refreshing them all every ttl/2 keeps each one alive at least as
    -- long as its data, whichever id the saves touch.
    if redis.call('SET', k[5], '1', 'NX', 'PX', math.max(1, math.floor(ttl / 2))) then
      return {1, version, unregistered, redis.call('HKEYS', k[3])}
    end
  end
  return {1, version, unregistered}
end
