package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole TCK against a real PostgreSQL, on the default table in a schema of this class's
 * own (dropped afterwards), so it depends on no name being free in the shared database; the
 * kit isolates its tests by random ids.
 */
class PostgresCheckpointStoreTckTest extends CheckpointStoreTck {

    private static final String SCHEMA = TestDatabase.freshSchema("ckpt_tck");

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(SCHEMA);
    }

    @Override
    protected CheckpointStore newStore() {
        return PostgresCheckpointStore.builder(TestDatabase.withOptions("schema=" + SCHEMA + "&poolSize=4")).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
