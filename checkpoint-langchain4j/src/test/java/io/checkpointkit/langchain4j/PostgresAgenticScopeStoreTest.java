package io.checkpointkit.langchain4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;

import java.util.UUID;

/** The scope store over PostgreSQL: every new store opens the same random table, dropped after the test. */
class PostgresAgenticScopeStoreTest extends AgenticScopeStoreTest {

    private final String table = "lc4j_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.postgres() + "?table=" + table + "&poolSize=4");
    }

    /** Drops the test's table and the store's bookkeeping tables beside it (all named after it). */
    @Override
    protected void dropData() throws Exception {
        TestData.dropPostgresTables(table);
    }
}
