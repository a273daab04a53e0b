package io.checkpointkit.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;

import static io.checkpointkit.redis.StandaloneRedisStoreTest.utf8;

/**
 * {@link RedisStoreBehaviourTest} on a real 3-master Redis Cluster on loopback (started by the
 * tests unless {@code CHECKPOINT_TEST_REDIS_CLUSTER_URL} names one), through the user's
 * {@link RedisClusterClient}, which the store must not shut down.
 */
@ExtendWith(ClusterRedisStoreTest.ClusterUri.class)
class ClusterRedisStoreTest extends RedisStoreBehaviourTest {

    private String clusterUri;

    @BeforeEach
    void findCluster(String clusterUri, TestInfo info) {
        this.clusterUri = clusterUri;
    }

    @Override
    protected RedisCheckpointStore store(String prefix, Duration ttl) {
        RedisCheckpointStore.Builder b = RedisCheckpointStore.builder(RedisTestServers.sharedClusterClient(clusterUri))
                .prefix(prefix).timeout(Duration.ofSeconds(10));
        return (ttl == null ? b : b.ttl(ttl)).build();
    }

    @Override
    protected RedisClusterClient clusterClient() {
        return RedisTestServers.sharedClusterClient(clusterUri);
    }

    @Override
    protected void writeRawPointer(String checkpointId, String executionId) {
        try (StatefulRedisClusterConnection<byte[], byte[]> c = clusterClient().connect(ByteArrayCodec.INSTANCE)) {
            c.sync().set(new RedisKeys(prefix).pointer(utf8(checkpointId)), utf8("0123456789abcdef" + executionId));
        }
    }

    @Override
    protected void corruptData(String executionId, String checkpointId) {
        try (StatefulRedisClusterConnection<byte[], byte[]> c = clusterClient().connect(ByteArrayCodec.INSTANCE)) {
            c.sync().hset(new RedisKeys(prefix).execution(utf8(executionId)).data(), utf8(checkpointId), new byte[] {9, 9});
        }
    }

    /** Resolves the Cluster URI, starting the local Cluster once per test JVM. */
    static final class ClusterUri implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == String.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return RedisTestServers.clusterUri(e);
        }
    }
}
