-- KEYS: i, d, v, f. ARGV: 1 how many unpinned to keep, 2 fence expiry in ms.
-- Deletes all but the newest ARGV[1] unpinned checkpoints, oldest first; pinned ones are kept
-- and not counted. Returns {id, generation, ...} of the removed ones, for pointer clean-up.
-- Reads and writes in batches (HMGET, ZREM/HDEL of many, fenceMany), not one call per id.
local keep = tonumber(requireCount(ARGV[1], 'keepLatest'))
requireCount(ARGV[2], 'fence expiry')
requireType(KEYS[2], 'hash')
requireType(KEYS[4], 'hash')
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local unpinned = {}
for from = 1, #members, CHUNK do
  local to = math.min(#members, from + CHUNK - 1)
  local ids = {}
  for j = from, to do ids[#ids + 1] = idOfMember(members[j]) end
  local vs = redis.call('HMGET', KEYS[3], unpack(ids))
  for j = 1, #ids do
    local v = vs[j]
    if v and not isPinned(v) then
      unpinned[#unpinned + 1] = {members[from + j - 1], ids[j], generationOf(v)}
    end
  end
end
local removedMembers, removedIds, removedGens, out = {}, {}, {}, {}
for n = 1, #unpinned - keep do
  local e = unpinned[n]
  removedMembers[n] = e[1]
  removedIds[n] = e[2]
  removedGens[n] = e[3]
  out[#out + 1] = e[2]
  out[#out + 1] = e[3]
end
if #removedIds > 0 then
  callChunked('ZREM', KEYS[1], removedMembers)
  callChunked('HDEL', KEYS[2], removedIds)
  callChunked('HDEL', KEYS[3], removedIds)
  fenceMany(KEYS[4], removedIds, removedGens, ARGV[2])
end
return out
