package io.checkpointkit.micrometer;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The whole kit through {@link MeteredCheckpointStore}. */
class MeteredMemoryStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return MeteredCheckpointStore.wrap(MemoryCheckpointStore.create(), new SimpleMeterRegistry());
    }
}
