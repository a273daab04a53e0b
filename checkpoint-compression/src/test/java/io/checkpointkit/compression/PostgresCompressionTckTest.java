package io.checkpointkit.compression;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.tck.CheckpointStoreTck;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;

import java.sql.SQLException;
import java.util.UUID;

/**
 * The whole kit through compression around the PostgreSQL of {@link TestServers#postgres()}, on a
 * random table of this class's own, dropped afterwards.
 */
class PostgresCompressionTckTest extends CheckpointStoreTck {

    private static final String TABLE = "cz_" + UUID.randomUUID().toString().replace("-", "");

    @AfterAll
    static void dropTable() throws SQLException {
        TestData.dropPostgresTables(TABLE);
    }

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(
                CheckpointStores.open(TestServers.postgres() + "?table=" + TABLE + "&poolSize=4"),
                MemoryCompressionTckTest.EVERYTHING);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
