package io.checkpointkit.tck;

import io.checkpointkit.CheckpointStore;

/** The whole kit against the reference store: the kit itself must be right. */
class ReferenceStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return new ReferenceCheckpointStore();
    }
}
