package io.checkpointkit.redis;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole TCK against a real 3-master Redis Cluster on loopback (started by the tests unless
 * {@code CHECKPOINT_TEST_REDIS_CLUSTER_URL} names one), through a store that owns its client.
 */
@ExtendWith(ClusterRedisStoreTest.ClusterUri.class)
class RedisClusterTckTest extends CheckpointStoreTck {

    private static final String PREFIX = RedisTestServers.newPrefix();
    private static String clusterUri;

    @BeforeAll
    static void findCluster(String uri) {
        clusterUri = uri;
    }

    @Override
    protected CheckpointStore newStore() {
        return RedisCheckpointStore.builder(RedisTestServers.sharedClusterClient(uri())).prefix(PREFIX).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return RedisCheckpointStore.builder(uri() + "?prefix=" + PREFIX).build(); // owns its client
    }

    private String uri() {
        if (clusterUri == null) {
            throw new IllegalStateException("the cluster URI is resolved before each test");
        }
        return clusterUri;
    }
}
