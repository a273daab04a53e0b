package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.tck.CheckpointStoreTck;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;

import java.util.UUID;

/** The whole kit through the encrypting decorator around standalone Redis, under a random key prefix deleted afterwards. */
class EncryptingRedisStoreTckTest extends CheckpointStoreTck {

    private static final String PREFIX = "enc-tck-" + UUID.randomUUID();

    @AfterAll
    static void deleteKeys() {
        TestData.deleteRedisKeys(PREFIX);
    }

    @Override
    protected CheckpointStore newStore() {
        return TestKeys.encrypting(CheckpointStores.open(TestServers.redis() + "?prefix=" + PREFIX),
                TestKeys.K1, TestKeys.K2);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
