package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole kit, durability included, against reference stores that share one map as their
 * "database": every test's store sees the data of every other, as on a shared live server.
 * Afterwards the database must be empty: the kit cleans up after itself, even after tests that
 * closed or reopened their store.
 */
class DurableReferenceStoreTckTest extends CheckpointStoreTck {

    private static final Map<String, Checkpoint> DATABASE = new HashMap<>();

    @Override
    protected CheckpointStore newStore() {
        return new BrokenStoresTest.DurableReferenceStore(DATABASE);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return new BrokenStoresTest.DurableReferenceStore(DATABASE);
    }

    @AfterAll
    static void kitLeavesNoDataBehind() {
        synchronized (DATABASE) {
            assertThat(DATABASE.values()).isEmpty();
        }
    }
}
