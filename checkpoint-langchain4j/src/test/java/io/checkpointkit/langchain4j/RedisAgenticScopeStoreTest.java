package io.checkpointkit.langchain4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;

import java.util.UUID;

/** The scope store over standalone Redis: every new store uses the same random prefix, whose keys are deleted after. */
class RedisAgenticScopeStoreTest extends AgenticScopeStoreTest {

    private final String prefix = "lc4j-" + UUID.randomUUID();

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
