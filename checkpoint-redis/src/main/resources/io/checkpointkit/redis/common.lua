-- Shared by every script (prepended when the scripts are loaded, after the layout constants
-- that ValueLayout.java renders: TIMESTAMP_LENGTH, GENERATION_AT, VERSION_AT, ...).
-- Layout of a value in the "v" hash: sortable timestamp, pinned flag ('0'/'1'), pointer
-- generation, decimal version. An index member: sortable timestamp, id. An id pointer:
-- generation, execution id. The accessors below are the only code that takes them apart.
local function memberOf(v, id)
  return string.sub(v, 1, TIMESTAMP_LENGTH) .. id
end

local function idOfMember(m)
  return string.sub(m, MEMBER_ID_AT)
end

local function timestampOf(v)
  return string.sub(v, 1, TIMESTAMP_LENGTH)
end

local function isPinned(v)
  return string.sub(v, PINNED_AT, PINNED_AT) == PINNED
end

local function generationOf(v)
  return string.sub(v, GENERATION_AT, GENERATION_AT + GENERATION_LENGTH - 1)
end

local function versionOf(v)
  return tonumber(string.sub(v, VERSION_AT))
end

local function versionValue(timestamp, pinned, g, version)
  return timestamp .. pinned .. g .. string.format('%d', version)
end

local function pointerGeneration(p)
  return string.sub(p, 1, GENERATION_LENGTH)
end

local function pointerExecution(p)
  return string.sub(p, POINTER_EXECUTION_AT)
end

-- A fence (the "f" hash, field = id) lists up to MAX_FENCES revoked pointer generations of that
-- id. A save carrying a revoked generation is refused, so a save that read a pointer before it
-- was removed or taken over can never write afterwards.
local function isFenced(f, id, g)
  local cur = redis.call('HGET', f, id)
  if not cur then return false end
  for i = 1, #cur, GENERATION_LENGTH do
    if string.sub(cur, i, i + GENERATION_LENGTH - 1) == g then return true end
  end
  return false
end

-- The fence list `cur` (or false/nil) with generation g added, or nil when g is in it already.
local function withFence(cur, g)
  if not cur then return g end
  for i = 1, #cur, GENERATION_LENGTH do
    if string.sub(cur, i, i + GENERATION_LENGTH - 1) == g then return nil end
  end
  if #cur >= MAX_FENCES * GENERATION_LENGTH then cur = string.sub(cur, GENERATION_LENGTH + 1) end
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

-- Redis does not undo a script's earlier writes when a later command fails, so every script
-- makes all its checks (arguments, stored values, key types) before its first write: a failure
-- then leaves nothing half-written. Keys a script has already read are of the right type.
local function fail(why)
  error({err = 'ERR checkpointkit: ' .. why})
end

local function requireType(key, wanted)
  local t = redis.call('TYPE', key).ok
  if t ~= 'none' and t ~= wanted then fail('a key of this store holds a ' .. t .. ', not a ' .. wanted) end
end

-- A non-negative decimal integer of at most 15 digits (exact as a Lua number), as a string:
-- passed on to Redis as it came, since a Lua number of 1e17 or more would be sent as "1e+17".
local function requireCount(s, what)
  if type(s) ~= 'string' or not string.match(s, '^%d+$') or #s > 15 then
    fail(what .. ' must be a decimal integer of at most 15 digits, was ' .. tostring(s))
  end
  return s
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
  -- All checks first (see fail above); the writes below cannot fail.
  local ttl = requireCount(a[7], 'ttl')
  local expected = tonumber(a[5])
  if not (expected and expected >= 0) then fail('the expected version must be a number') end
  if isFenced(k[4], id, a[4]) then return {0} end
  local cur = redis.call('HGET', k[3], id)
  if a[8] == '1' and not (cur and generationOf(cur) == a[4]) then return {2} end
  local version = 0
  if cur then
    version = versionOf(cur)
    if not version then fail('the stored version of a checkpoint cannot be read') end
  end
  if expected > 0 and version ~= expected then return {-1, version} end
  requireType(k[1], 'zset')
  requireType(k[2], 'hash')
  requireType(w, 'string')
  if cur and timestampOf(cur) ~= a[2] then
    redis.call('ZREM', k[1], memberOf(cur, id))
  end
  redis.call('ZADD', k[1], 0, a[2] .. id)
  redis.call('HSET', k[2], id, a[6])
  version = version + 1
  redis.call('HSET', k[3], id, versionValue(a[2], a[3], a[4], version))
  touchWritten(w, now, a[7])
  local unregistered = 1 - redis.call('EXISTS', k[6])
  if ttl ~= '0' then
    redis.call('PEXPIRE', k[1], ttl)
    redis.call('PEXPIRE', k[2], ttl)
    redis.call('PEXPIRE', k[3], ttl)
    if unregistered == 0 then redis.call('PEXPIRE', k[6], ttl) end
    -- Pointers live 1.5 ttl; refreshing them all every ttl/2 keeps each one alive at least as
    -- long as its data, whichever id the saves touch.
    local half = string.format('%d', math.max(1, math.floor(tonumber(ttl) / 2)))
    if redis.call('SET', k[5], '1', 'NX', 'PX', half) then
      return {1, version, unregistered, redis.call('HKEYS', k[3])}
    end
  end
  return {1, version, unregistered}
end

-- Deletes every checkpoint of an execution (k = {i, d, v, f, r, m, w}) with its keys, after
-- revoking each checkpoint's pointer generation; shared by clear.lua and clear_if_idle.lua.
-- Returns {id, generation, ...} of the removed checkpoints.
local function clearExecution(k, fenceTtl)
  requireType(k[4], 'hash')
  local all = redis.call('HGETALL', k[3])
  local ids, gens, out = {}, {}, {}
  for n = 1, #all, 2 do
    local g = generationOf(all[n + 1])
    ids[#ids + 1] = all[n]
    gens[#gens + 1] = g
    out[#out + 1] = all[n]
    out[#out + 1] = g
  end
  fenceMany(k[4], ids, gens, fenceTtl)
  redis.call('DEL', k[1], k[2], k[3], k[5], k[6], k[7])
  return out
end
