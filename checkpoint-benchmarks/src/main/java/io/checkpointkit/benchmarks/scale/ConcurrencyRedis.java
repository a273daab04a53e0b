package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Redis (standalone): the store, which shares one Lettuce connection between all its callers,
 * and raw Lettuce sharing one connection between all benchmark threads in the same way, doing
 * the equivalent commands: {@code save} is {@code HSET} of the state into the execution's hash
 * plus {@code ZADD} of the id to its index, both sent at once and waited for together (one
 * round trip, as the store's one script); {@code latest} is {@code ZRANGE index -1 -1} then
 * {@code HGET}. {@code saveFull} writes what a store's save must also keep, with a script of
 * its own ({@link #SAVE_FULL}, by EVALSHA, one round trip): the id's owner, a version, the
 * state, the index and the execution's write time. The server is found as the tests find it ({@code CHECKPOINT_TEST_REDIS_URL},
 * else {@code redis://127.0.0.1:6379}); every key lives under a random prefix and is removed at
 * the end (by {@code SCAN} of that prefix).
 */
final class ConcurrencyRedis extends ConcurrencyBackend {

    /*
     * The smallest script that writes the same data as the store's save: refuses an id owned by
     * another execution, bumps the id's version, writes the state, indexes the id by time (the
     * score) and records the write time. KEYS: owner pointer, versions, data, index, write time;
     * ARGV: execution id, checkpoint id, state, time in µs.
     */
    static final String SAVE_FULL = """
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then return -1 end
            if not owner then redis.call('SET', KEYS[1], ARGV[1]) end
            local version = redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[2])
            redis.call('SET', KEYS[5], ARGV[4])
            return version
            """;

    private final String prefix = "ckpt-concurrency-" + UUID.randomUUID();
    private final RedisCheckpointStore store;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final String saveFullSha;

    ConcurrencyRedis() {
        String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        store = RedisCheckpointStore.builder(uri).prefix(prefix).build();
        client = RedisClient.create(uri);
        connection = client.connect(ByteArrayCodec.INSTANCE);
        saveFullSha = connection.sync().scriptLoad(utf8(SAVE_FULL));
    }

    @Override
    CheckpointStore store() {
        return store;
    }

    /** 256 ids per thread: after the first round every save, raw or not, overwrites one. */
    @Override
    int idRing() {
        return 256;
    }

    @Override
    ConcurrencyRaw openRaw() {
        RedisAsyncCommands<byte[], byte[]> async = connection.async();
        RedisCommands<byte[], byte[]> sync = connection.sync();
        return new ConcurrencyRaw() {
            @Override
            public int save(String executionId, String idPrefix, int rows) throws Exception {
                byte[] id = utf8(idPrefix);
                RedisFuture<Boolean> body = async.hset(key(executionId, "d"), id, STATE);
                RedisFuture<Long> index = async.zadd(key(executionId, "i"), (double) nowMicros(), id);
                body.get(5, TimeUnit.SECONDS);
                index.get(5, TimeUnit.SECONDS);
                return 1;
            }

            @Override
            public long saveFull(String executionId, String id, int rows) throws Exception {
                byte[] checkpointId = utf8(id);
                byte[][] keys = {utf8(prefix + "-raw:owner:" + id), key(executionId, "v"), key(executionId, "d"),
                        key(executionId, "i"), key(executionId, "w")};
                RedisFuture<Long> version = async.evalsha(saveFullSha, ScriptOutputType.INTEGER, keys,
                        utf8(executionId), checkpointId, STATE, utf8(Long.toString(nowMicros())));
                long v = version.get(5, TimeUnit.SECONDS);
                if (v < 0) {
                    throw new IllegalStateException("id " + id + " belongs to another execution");
                }
                return v;
            }

            @Override
            public Object latest(String executionId) {
                List<byte[]> last = sync.zrange(key(executionId, "i"), -1, -1);
                return sync.hget(key(executionId, "d"), last.get(0));
            }

            @Override
            public void close() {
                // The connection is shared by every thread and closed with the backend.
            }
        };
    }

    private byte[] key(String executionId, String kind) {
        return utf8(prefix + "-raw:{" + executionId + "}:" + kind);
    }

    @Override
    public void close() {
        store.close();
        RedisCommands<byte[], byte[]> sync = connection.sync();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = sync.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                sync.unlink(page.getKeys().toArray(new byte[0][]));
            }
            cursor = page;
        } while (!cursor.isFinished());
        connection.close();
        client.shutdown();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
