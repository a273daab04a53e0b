-- KEYS[1] id pointer. ARGV[1] expected value, ARGV[2] new value ('' deletes),
-- ARGV[3] expiry in ms ('0': none). Compare-and-set of the pointer; returns 1 when done.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
elseif ARGV[3] ~= '0' then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
