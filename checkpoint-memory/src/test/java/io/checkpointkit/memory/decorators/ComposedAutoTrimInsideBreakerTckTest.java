package io.checkpointkit.memory.decorators;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

import static io.checkpointkit.memory.decorators.Compose.autoTrim;
import static io.checkpointkit.memory.decorators.Compose.breaker;
import static io.checkpointkit.memory.decorators.Compose.swept;

/** The whole kit through the decorators composed as {@code swept(breaker(autoTrim(MemoryCheckpointStore.create())))}, swept in the background. */
class ComposedAutoTrimInsideBreakerTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return swept(breaker(autoTrim(MemoryCheckpointStore.create())));
    }
}
