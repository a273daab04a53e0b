package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
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
 * {@code HGET}. The server is found as the tests find it ({@code CHECKPOINT_TEST_REDIS_URL},
 * else {@code redis://127.0.0.1:6379}); every key lives under a random prefix and is removed at
 * the end (by {@code SCAN} of that prefix).
 */
final class ConcurrencyRedis extends ConcurrencyBackend {

    private final String prefix = "ckpt-concurrency-" + UUID.randomUUID();
    private final RedisCheckpointStore store;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    ConcurrencyRedis() {
        String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        store = RedisCheckpointStore.builder(uri).prefix(prefix).build();
        client = RedisClient.create(uri);
        connection = client.connect(ByteArrayCodec.INSTANCE);
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
