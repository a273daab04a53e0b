package io.checkpointkit.memory;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/** The whole compatibility kit against the memory store. It is not durable: no {@code reopen}. */
class MemoryCheckpointStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return MemoryCheckpointStore.create();
    }
}
