package io.checkpointkit.langchain4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.testsupport.TestServers;

import java.util.UUID;

/**
 * The scope store over Redis Cluster, {@link TestServers#redisCluster()}: by default the test JVM's own
 * redis-server processes on loopback, stopped when it exits. Every new store of a test instance uses the
 * same random prefix, whose executions are cleared after the test.
 */
class RedisClusterAgenticScopeStoreTest extends AgenticScopeStoreTest {

    private final String uri = TestServers.redisCluster("lc4j-" + UUID.randomUUID());

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(uri);
    }

    /** Clears every execution under this test's prefix: the cluster outlives the test. */
    @Override
    protected void dropData() {
        try (CheckpointStore store = openStore()) {
            for (ExecutionPage page : RetentionSweeper.executions(store, 1000)) {
                page.items().forEach(execution -> store.clear(execution.executionId()));
            }
        }
    }
}
