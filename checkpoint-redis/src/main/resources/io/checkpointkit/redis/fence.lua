-- KEYS[1] v, KEYS[2] f of the execution a pointer names. ARGV[1] id, ARGV[2] the pointer's
-- generation, ARGV[3] fence expiry in ms.
-- Returns 1 when the execution holds the id (the pointer is live); otherwise revokes the
-- generation (so a save still in flight with it is refused) and returns 0: the caller may then
-- replace or remove the pointer.
requireCount(ARGV[3], 'fence expiry')
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
fence(KEYS[2], ARGV[1], ARGV[2], ARGV[3])
return 0
