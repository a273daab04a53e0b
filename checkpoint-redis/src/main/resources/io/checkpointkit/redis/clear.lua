-- KEYS: i, d, v, f, r, m, w. ARGV[1] fence expiry in ms.
-- Deletes every checkpoint of the execution. Returns {id, generation, ...} of the removed ones.
requireCount(ARGV[1], 'fence expiry')
return clearExecution(KEYS, ARGV[1])
