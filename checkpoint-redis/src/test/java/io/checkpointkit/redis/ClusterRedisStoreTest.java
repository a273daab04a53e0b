package io.checkpointkit.redis;
import io.checkpointkit.testsupport.TestServers;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aPointerReleaseGroupSpanningNodesFallsBackToOneByOneAndStillComparesValues() {
        RedisKeys keys = new RedisKeys(prefix);
        int count = 24;
        byte[][] pointerKeys = new byte[count][];
        byte[][] expected = new byte[count][];
        List<Integer> group = new ArrayList<>();
        Set<String> nodes = new HashSet<>();
        try (StatefulRedisClusterConnection<byte[], byte[]> c = clusterClient().connect(ByteArrayCodec.INSTANCE);
             RedisConnector redis = RedisClients.cluster(clusterClient(), Duration.ofSeconds(10), "test", () -> { })) {
            for (int i = 0; i < count; i++) {
                pointerKeys[i] = keys.pointer(utf8("spread-" + i));
                expected[i] = ValueLayout.pointer(IdPointers.newGeneration(), utf8("exec"));
                // The last pointer was re-claimed meanwhile: its value differs, it must stay.
                c.sync().set(pointerKeys[i], i == count - 1 ? utf8("fedcba9876543210exec") : expected[i]);
                nodes.add(redis.nodeOf(pointerKeys[i]));
                group.add(i);
            }
            assertThat(nodes).hasSizeGreaterThan(1); // so the one-node script must be refused
            IdPointers pointers = new IdPointers(redis, keys, 0, 60_000);
            redis.await(pointers.releaseOnNode(pointerKeys, expected, group));
            for (int i = 0; i < count - 1; i++) {
                assertThat(c.sync().exists(pointerKeys[i])).as("pointer %d", i).isZero();
            }
            assertThat(c.sync().get(pointerKeys[count - 1])).isEqualTo(utf8("fedcba9876543210exec"));
            c.sync().del(pointerKeys[count - 1]);
        }
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
            return TestServers.redisCluster();
        }
    }
}
