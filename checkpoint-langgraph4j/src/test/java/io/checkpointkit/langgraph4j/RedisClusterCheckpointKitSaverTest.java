package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/**
 * The saver over Redis Cluster: the one {@link TestServers#redisCluster()} finds (the one named by
 * {@code CHECKPOINT_TEST_REDIS_CLUSTER_URL}, else a three-master cluster started on loopback for
 * the test JVM). Each test uses its own prefix.
 */
class RedisClusterCheckpointKitSaverTest extends CheckpointKitSaverTest {

    private static String clusterUri;

    private final String prefix = "lg4j-" + UUID.randomUUID();

    @BeforeAll
    static void findCluster() {
        clusterUri = TestServers.redisCluster();
    }

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(clusterUri + (clusterUri.contains("?") ? "&" : "?") + "prefix=" + prefix);
    }

    /** Deletes this test's keys: the cluster outlives the class. */
    @Override
    protected void dropData() {
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
