package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.junit.jupiter.api.AfterEach;

/** The provider over the memory store: every "new store" is a new view of one shared store. */
class MemoryCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    private final MemoryCheckpointStore shared = MemoryCheckpointStore.create();

    @Override
    protected CheckpointStore openStore() {
        return new ForwardingCheckpointStore(shared) {
            @Override
            public void close() {
                // the shared store outlives each view; closed after the test
            }
        };
    }

    @AfterEach
    void closeShared() {
        shared.close();
    }
}
