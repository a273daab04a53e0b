package io.checkpointkit.memory.decorators;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The whole kit through auto-trim. A trim is queued after every save (threshold 1) so that
 * background trims run alongside every rule, but the keep count is above anything the kit
 * writes, so trimming never changes a result.
 */
class AutoTrimmingMemoryStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return AutoTrimmingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                AutoTrimConfig.builder().keepLatest(100_000).threshold(1).build());
    }
}
