package io.checkpointkit.redis;
import io.checkpointkit.testsupport.TestServers;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link RedisStoreBehaviourTest} on standalone Redis, through a store that owns its client (URI). */
class StandaloneRedisStoreTest extends RedisStoreBehaviourTest {

    @Override
    protected RedisCheckpointStore store(String prefix, Duration ttl) {
        RedisCheckpointStore.Builder b = RedisCheckpointStore.builder(TestServers.redis()).prefix(prefix);
        return (ttl == null ? b : b.ttl(ttl)).build();
    }

    @Override
    protected RedisClusterClient clusterClient() {
        return null;
    }

    @Override
    protected void writeRawPointer(String checkpointId, String executionId) {
        try (StatefulRedisConnection<byte[], byte[]> c = RedisTestServers.sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            c.sync().set(new RedisKeys(prefix).pointer(utf8(checkpointId)), utf8("0123456789abcdef" + executionId));
        }
    }

    @Override
    protected void corruptData(String executionId, String checkpointId) {
        try (StatefulRedisConnection<byte[], byte[]> c = RedisTestServers.sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            c.sync().hset(new RedisKeys(prefix).execution(utf8(executionId)).data(), utf8(checkpointId), new byte[] {9, 9});
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
