package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

/**
 * The provider over the memory store: every "new store" is a view of one store per test instance, which
 * outlives the views (their close does nothing) and goes away with the instance.
 */
class MemoryCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    private final MemoryCheckpointStore shared = MemoryCheckpointStore.create();

    @Override
    protected CheckpointStore openStore() {
        return new ForwardingCheckpointStore(shared) {
            @Override
            public void close() {
                // the views share one store
            }
        };
    }
}
