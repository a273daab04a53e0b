#!lua flags=allow-cross-slot-keys
-- Cluster: releases many id pointers that live in different slots of ONE node in one call.
-- KEYS[1] one of the pointers (it routes the call to its node); ARGV[1] the value KEYS[1] must
-- still have, then (pointer key, expected value) pairs for the others. Redis Cluster lets a
-- script with the allow-cross-slot-keys flag touch undeclared keys of any slot this node
-- serves; a key that is not (or no longer) served here fails the call with an error, and the
-- caller then releases that group one pointer at a time. Deletes each pointer that still has
-- its expected value (its generation was revoked); returns how many it deleted.
local n = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  n = 1
end
for j = 2, #ARGV, 2 do
  if redis.call('GET', ARGV[j]) == ARGV[j + 1] then
    redis.call('DEL', ARGV[j])
    n = n + 1
  end
end
return n
