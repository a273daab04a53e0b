package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;

import java.util.UUID;

/**
 * The provider over Redis Cluster, {@link TestServers#redisCluster()}: by default the test JVM's own
 * redis-server processes on loopback, stopped when it exits. Every new store of a test instance uses the
 * same random prefix; each test's sessions are cleared after it.
 */
class RedisClusterCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    private final String uri = TestServers.redisCluster("koog-" + UUID.randomUUID());

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(uri);
    }
}
