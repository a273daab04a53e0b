package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;

import java.util.UUID;

/** The saver over standalone Redis: every new store uses the same random prefix, whose keys are deleted after. */
class RedisCheckpointKitSaverTest extends CheckpointKitSaverTest {

    private final String prefix = "lg4j-" + UUID.randomUUID();

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.redis() + "?prefix=" + prefix);
    }

    /** Deletes every key under this test's prefix, and only those. */
    @Override
    protected void dropData() {
        TestData.deleteRedisKeys(prefix);
    }
}
