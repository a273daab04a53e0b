package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;

/** The provider over standalone Redis: every new store uses the same prefix; each test's sessions are cleared after it. */
class RedisCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.redis() + "?prefix=koog-provider-test");
    }
}
