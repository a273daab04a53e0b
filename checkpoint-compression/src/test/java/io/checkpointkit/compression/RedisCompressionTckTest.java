package io.checkpointkit.compression;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.tck.CheckpointStoreTck;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;

import java.util.UUID;

/**
 * The whole kit through compression around the standalone Redis of {@link TestServers#redis()},
 * under a random key prefix of this class's own, whose keys are deleted afterwards.
 */
class RedisCompressionTckTest extends CheckpointStoreTck {

    private static final String PREFIX = "cz-" + UUID.randomUUID();

    @AfterAll
    static void deleteKeys() {
        TestData.deleteRedisKeys(PREFIX);
    }

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(CheckpointStores.open(TestServers.redis() + "?prefix=" + PREFIX),
                MemoryCompressionTckTest.EVERYTHING);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
