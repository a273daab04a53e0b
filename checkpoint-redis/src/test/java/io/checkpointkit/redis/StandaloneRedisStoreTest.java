package io.checkpointkit.redis;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.testsupport.TestServers;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RedisStoreBehaviourTest} on standalone Redis, through a store that owns its client (URI). */
class StandaloneRedisStoreTest extends RedisStoreBehaviourTest {

    @Override
    protected RedisCheckpointStore store(String prefix, Duration ttl) {
        RedisCheckpointStore.Builder b = RedisCheckpointStore.builder(TestServers.redis()).prefix(prefix);
        return (ttl == null ? b : b.ttl(ttl)).build();
    }

    /**
     * The save script registers an execution once: later saves leave the registry bucket, which
     * every execution hashed to it shares, and the marker alone (two writes fewer per save).
     * A watched key that is written makes EXEC discard the transaction.
     */
    @Test
    void aSaveOfARegisteredExecutionWritesNeitherTheRegistryNorItsMarker() {
        RedisCheckpointStore store = open(null);
        String execution = "registered-" + UUID.randomUUID();
        store.save(Checkpoint.builder(execution).id(execution + "-1").build());
        RedisKeys keys = new RedisKeys(prefix);
        byte[] marker = keys.execution(utf8(execution)).registered();
        byte[] bucket = keys.registry(RedisKeys.bucketOf(utf8(execution)));
        try (StatefulRedisConnection<byte[], byte[]> c = RedisTestServers.sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> sync = c.sync();
            assertThat(sync.exists(marker)).isOne();
            sync.watch(marker, bucket);
            store.save(Checkpoint.builder(execution).id(execution + "-2").build());
            sync.multi();
            sync.ping();
            assertThat(sync.exec().wasDiscarded()).isFalse();
        }
        assertThat(store.executions(null, 100).items()).anySatisfy(info -> {
            assertThat(info.executionId()).isEqualTo(execution);
            assertThat(info.checkpointCount()).isEqualTo(2);
        });
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
