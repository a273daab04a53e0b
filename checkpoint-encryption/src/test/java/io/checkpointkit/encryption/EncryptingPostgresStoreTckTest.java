package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.tck.CheckpointStoreTck;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;

import java.util.UUID;

/** The whole kit through the encrypting decorator around PostgreSQL, on a random table dropped afterwards. */
class EncryptingPostgresStoreTckTest extends CheckpointStoreTck {

    private static final String TABLE = "enc_tck_" + UUID.randomUUID().toString().replace("-", "");

    @AfterAll
    static void dropTable() throws Exception {
        TestData.dropPostgresTables(TABLE);
    }

    @Override
    protected CheckpointStore newStore() {
        return TestKeys.encrypting(CheckpointStores.open(TestServers.postgres() + "?table=" + TABLE + "&poolSize=4"),
                TestKeys.K1, TestKeys.K2);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
