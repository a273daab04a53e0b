package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.Optional;

/**
 * A cached read: a checkpoint by id or the latest of an execution. The kind keeps the two
 * namespaces apart, so checkpoint id "x" and execution id "x" are different keys.
 */
record CacheKey(Kind kind, String id) {

    enum Kind {
        /** {@code load(id)}: {@link #id} is a checkpoint id. */
        CHECKPOINT {
            @Override
            Optional<Checkpoint> read(CheckpointStore store, String id) {
                return store.load(id);
            }
        },
        /** {@code latest(executionId)}: {@link #id} is an execution id. */
        LATEST {
            @Override
            Optional<Checkpoint> read(CheckpointStore store, String id) {
                return store.latest(id);
            }
        };

        abstract Optional<Checkpoint> read(CheckpointStore store, String id);
    }

    static CacheKey checkpoint(String checkpointId) {
        return new CacheKey(Kind.CHECKPOINT, checkpointId);
    }

    static CacheKey latest(String executionId) {
        return new CacheKey(Kind.LATEST, executionId);
    }

    /** Reads this key from the store, bypassing any cache. */
    Optional<Checkpoint> readFrom(CheckpointStore store) {
        return kind.read(store, id);
    }
}
