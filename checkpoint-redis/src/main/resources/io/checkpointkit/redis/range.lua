-- KEYS: i, v, d. ARGV: 1 after id ('' none), 2 before id ('' none), 3 newest first ('1'),
-- 4 offset, 5 count (-1: all).
-- Reads only the selected checkpoints: {id, version value, body, id, ...}. A cursor id that
-- the execution does not hold selects nothing.
local lo, hi = '-', '+'
if ARGV[1] ~= '' then
  local a = redis.call('HGET', KEYS[2], ARGV[1])
  if not a then return {} end
  lo = '(' .. memberOf(a, ARGV[1])
end
if ARGV[2] ~= '' then
  local b = redis.call('HGET', KEYS[2], ARGV[2])
  if not b then return {} end
  hi = '(' .. memberOf(b, ARGV[2])
end
local members
if ARGV[3] == '1' then
  members = redis.call('ZREVRANGEBYLEX', KEYS[1], hi, lo, 'LIMIT', ARGV[4], ARGV[5])
else
  members = redis.call('ZRANGEBYLEX', KEYS[1], lo, hi, 'LIMIT', ARGV[4], ARGV[5])
end
local out = {}
for _, m in ipairs(members) do
  local id = idOfMember(m)
  local v = redis.call('HGET', KEYS[2], id)
  local d = redis.call('HGET', KEYS[3], id)
  if v and d then
    out[#out + 1] = id
    out[#out + 1] = v
    out[#out + 1] = d
  end
end
return out
