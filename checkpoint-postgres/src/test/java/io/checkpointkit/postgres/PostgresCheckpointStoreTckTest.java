package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The whole TCK against a real PostgreSQL, on the default shared table
 * {@code public.checkpoints}: the kit isolates its tests by random ids.
 */
class PostgresCheckpointStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return PostgresCheckpointStore.builder(TestDatabase.withOptions("poolSize=4")).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
