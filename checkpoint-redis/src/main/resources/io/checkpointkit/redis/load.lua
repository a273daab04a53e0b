-- KEYS: v, d. ARGV[1] id. Returns {version value, body}; nils when the id is not held.
return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}
