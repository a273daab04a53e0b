package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/**
 * The saver over Redis Cluster: the one named by {@code CHECKPOINT_TEST_REDIS_CLUSTER_URL}, else a
 * three-master cluster this class starts on loopback (needs {@code redis-server} and
 * {@code redis-cli}) and stops after. Each test uses its own prefix.
 */
class RedisClusterCheckpointKitSaverTest extends CheckpointKitSaverTest {

    static final String CLUSTER_ENV = "CHECKPOINT_TEST_REDIS_CLUSTER_URL";

    private static LocalRedisCluster localCluster;
    private static String clusterUri;

    private final String prefix = "lg4j-" + UUID.randomUUID();

    @BeforeAll
    static void findCluster() throws Exception {
        String fromEnv = System.getenv(CLUSTER_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            clusterUri = fromEnv;
            return;
        }
        try {
            localCluster = LocalRedisCluster.start();
        } catch (IllegalStateException e) {
            throw new AssertionError("no Redis Cluster: set " + CLUSTER_ENV
                    + " to its URL, or put redis-server and redis-cli on the PATH", e);
        }
        clusterUri = localCluster.uri();
    }

    @AfterAll
    static void stopCluster() {
        if (localCluster != null) {
            localCluster.close();
        }
    }

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(clusterUri + (clusterUri.contains("?") ? "&" : "?") + "prefix=" + prefix);
    }

    /** Deletes this test's keys when the cluster is not ours (ours is thrown away after the class). */
    @Override
    protected void dropData() {
        if (localCluster == null) {
            try (CheckpointStore store = openStore()) {
                for (var page = store.executions(null, 1000); ; page = store.executions(page.nextAfter().get(), 1000)) {
                    page.items().forEach(info -> store.clear(info.executionId()));
                    if (page.nextAfter().isEmpty()) {
                        break;
                    }
                }
            }
        }
    }
}
