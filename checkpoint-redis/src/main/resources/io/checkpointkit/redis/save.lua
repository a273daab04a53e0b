-- KEYS: i (index), d (data), v (versions), f (fences), r (pointer refresh marker),
--       m (registry marker), w (time of the last write).
-- ARGV: 1 id, 2 timestamp (8 bytes), 3 pinned ('0'/'1'), 4 pointer generation,
--       5 expected version ('0': unconditional), 6 body, 7 ttl in ms ('0': none),
--       8 '1' when the generation comes from a cache and must match the stored one,
--       9 the time of this write (epoch ms).
-- See saveCheckpoint in common.lua for the reply.
return saveCheckpoint(KEYS, ARGV, KEYS[7], ARGV[9])
