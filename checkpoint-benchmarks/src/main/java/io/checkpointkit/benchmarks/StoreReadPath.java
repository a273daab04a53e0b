package io.checkpointkit.benchmarks;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

/**
 * A read path that reads and saves through one store (the backend itself, or a caching store such
 * as the preloader in front of it); closing the path closes that store.
 */
class StoreReadPath extends ForwardingCheckpointStore implements ReadPath {

    StoreReadPath(CheckpointStore store) {
        super(store);
    }
}
